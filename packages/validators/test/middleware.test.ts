import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { paths } from "@pgbeam/policies-types";
import { exampleOf } from "@pgbeam/spec-testing";
import createClient from "openapi-fetch";
import { afterEach, expect, test } from "vitest";
import { ContractViolationError, ValidationError, validationMiddleware } from "../src/index.js";

let server: Server;
let received = 0;
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A loopback server that always answers `status` with `body`, counting requests. */
async function clientAnswering(
  status: number,
  body: unknown,
  options?: Parameters<typeof validationMiddleware>[0],
) {
  received = 0;
  server = createServer((req, res) => {
    received++;
    req.resume();
    res.writeHead(status, { "content-type": "application/json" });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = createClient<paths>({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
  client.use(validationMiddleware(options));
  return client;
}

const profile = exampleOf("PolicyProfile");
const path = { params: { path: { project_id: "prj_1" } } };

test("a valid request and response pass through untouched", async () => {
  const client = await clientAnswering(201, profile);
  const { data } = await client.POST("/v1/projects/{project_id}/policies", {
    ...path,
    body: { name: "n" },
  });
  expect(data).toEqual(profile);
});

test("an invalid body is refused before it leaves", async () => {
  const client = await clientAnswering(201, profile);
  const body = { name: "", access_mode: "read_mostly" } as unknown as { name: string };
  const error = await client
    .POST("/v1/projects/{project_id}/policies", { ...path, body })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).issues.map((i) => i.path)).toEqual(["/name", "/access_mode"]);
  expect((error as Error).message).toMatch(
    /^The createPolicyProfile request is invalid \(2 issues\)/,
  );
  expect(received).toBe(0);
});

test("bad path and query parameters are refused too", async () => {
  const client = await clientAnswering(200, { policies: [] });
  const error = await client
    .GET("/v1/projects/{project_id}/policies", {
      params: { path: { project_id: "prj 1" }, query: { page_size: 0 } },
    })
    .catch((e: unknown) => e);
  expect((error as ValidationError).issues.map((i) => i.path)).toEqual([
    "/project_id",
    "/page_size",
  ]);
  expect(received).toBe(0);
});

test("a response body that breaks the spec names operation, status and issues", async () => {
  const client = await clientAnswering(200, { ...profile, access_mode: "admin" });
  const error = await client
    .GET("/v1/projects/{project_id}/policies/{policy_id}", {
      params: { path: { project_id: "prj_1", policy_id: "pol_1" } },
    })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ContractViolationError);
  expect(error).toMatchObject({ operationId: "getPolicyProfile", status: 200 });
  expect((error as Error).message).toContain(
    "The 200 response of getPolicyProfile is invalid (1 issue):",
  );
  expect((error as Error).message).toContain(
    'access_mode must be one of "read_only", "read_write" (got "admin")',
  );
});

test("an undocumented error status or a body without the envelope is reported, and the answer still reaches the client", async () => {
  const reported: ContractViolationError[] = [];
  const onErrorResponseViolation = (violation: ContractViolationError) => reported.push(violation);
  const teapot = await clientAnswering(
    418,
    { error: { code: "teapot", message: "short and stout" } },
    { onErrorResponseViolation },
  );
  const first = await teapot.GET("/v1/projects/{project_id}/policies", path);
  expect(first.response.status).toBe(418);
  expect(first.error).toEqual({ error: { code: "teapot", message: "short and stout" } });
  server.close();
  const bare = await clientAnswering(404, { message: "nope" }, { onErrorResponseViolation });
  expect((await bare.GET("/v1/projects/{project_id}/policies", path)).response.status).toBe(404);
  expect(reported.map((violation) => violation.message)).toEqual([
    expect.stringContaining("status 418 is not documented"),
    expect.stringContaining("error is required"),
  ]);
  expect(reported.every((violation) => violation instanceof ContractViolationError)).toBe(true);
});

test("an RFC 9457 problem document on an error is not a violation", async () => {
  const reported: ContractViolationError[] = [];
  const client = await clientAnswering(
    429,
    { type: "https://errors.pgbeam.com/rate-limited", title: "Too many requests", status: 429 },
    { onErrorResponseViolation: (violation) => reported.push(violation) },
  );
  expect((await client.GET("/v1/projects/{project_id}/policies", path)).response.status).toBe(429);
  expect(reported).toEqual([]);
});

test("each direction can be switched off", async () => {
  const client = await clientAnswering(
    200,
    { nonsense: true },
    { requests: false, responses: false },
  );
  const { data } = await client.GET("/v1/projects/{project_id}/policies", {
    params: { path: { project_id: "prj 1" } },
  });
  expect(data).toEqual({ nonsense: true });
});

test("a statement kind the SDK does not know passes both ways (kinds are an open enum)", async () => {
  const withNewKind = { ...profile, statement_rules: { allow: ["select", "merge"] } };
  const client = await clientAnswering(201, withNewKind);
  const { data } = await client.POST("/v1/projects/{project_id}/policies", {
    ...path,
    body: { name: "n", statement_rules: { deny: ["vacuum_full"] } },
  });
  expect(data).toEqual(withNewKind);
  expect(received).toBe(1);
});
