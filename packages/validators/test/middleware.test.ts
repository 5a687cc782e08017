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

/** The headers a conforming server sends with `status`: its media type, an ETag, Retry-After on 429. */
function conformingHeaders(status: number): Record<string, string> {
  return {
    "content-type": status >= 400 ? "application/problem+json" : "application/json",
    etag: '"t1"',
    ...(status === 429 ? { "retry-after": "1" } : {}),
  };
}

/** A loopback server that always answers `status` with `body` (and `headers`), counting requests. */
async function clientAnswering(
  status: number,
  body: unknown,
  options?: Parameters<typeof validationMiddleware>[0],
  headers: Record<string, string> = conformingHeaders(status),
) {
  received = 0;
  server = createServer((req, res) => {
    received++;
    req.resume();
    res.writeHead(status, headers);
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

test("an undocumented error status or a body that is not a problem document is reported, and the answer still reaches the client", async () => {
  const reported: ContractViolationError[] = [];
  const onErrorResponseViolation = (violation: ContractViolationError) => reported.push(violation);
  const legacy = { error: { code: "teapot", message: "short and stout" } };
  const teapot = await clientAnswering(418, legacy, { onErrorResponseViolation });
  const first = await teapot.GET("/v1/projects/{project_id}/policies", path);
  expect(first.response.status).toBe(418);
  expect(first.error).toEqual(legacy);
  server.close();
  // The 0.2.4 envelope is no longer the contract: the client still reads it, the middleware reports it.
  const old = await clientAnswering(404, legacy, { onErrorResponseViolation });
  expect((await old.GET("/v1/projects/{project_id}/policies", path)).response.status).toBe(404);
  expect(reported.map((violation) => violation.message)).toEqual([
    expect.stringContaining("status 418 is not documented"),
    expect.stringContaining("type is required"),
  ]);
  expect(reported.every((violation) => violation instanceof ContractViolationError)).toBe(true);
});

const notFound = exampleOf("Problem", "getPolicyProfile 404");

test("an RFC 9457 problem document on an error is not a violation", async () => {
  const reported: ContractViolationError[] = [];
  const client = await clientAnswering(404, notFound, {
    onErrorResponseViolation: (violation) => reported.push(violation),
  });
  expect((await client.GET("/v1/projects/{project_id}/policies", path)).response.status).toBe(404);
  expect(reported).toEqual([]);
});

test("a problem document sent as application/json, or a 429 without Retry-After, is reported", async () => {
  const reported: string[] = [];
  const onErrorResponseViolation = (violation: ContractViolationError) =>
    reported.push(violation.message);
  const asJson = await clientAnswering(
    404,
    notFound,
    { onErrorResponseViolation },
    {
      "content-type": "application/json",
    },
  );
  await asJson.GET("/v1/projects/{project_id}/policies", path);
  server.close();
  const limited = { ...notFound, status: 429, code: "RATE_LIMITED" };
  const noRetryAfter = await clientAnswering(
    429,
    limited,
    { onErrorResponseViolation },
    {
      "content-type": "application/problem+json",
    },
  );
  await noRetryAfter.GET("/v1/projects/{project_id}/policies", path);
  expect(reported).toEqual([
    expect.stringContaining(
      "the body is sent as application/json, but the spec documents application/problem+json for 404",
    ),
    expect.stringContaining("the Retry-After header is required on 429"),
  ]);
});

test("a read without its ETag breaks the contract", async () => {
  const client = await clientAnswering(200, profile, {}, { "content-type": "application/json" });
  const error = await client
    .GET("/v1/projects/{project_id}/policies/{policy_id}", {
      params: { path: { project_id: "prj_1", policy_id: "pol_1" } },
    })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ContractViolationError);
  expect((error as Error).message).toContain("the ETag header is required on 200");
});

test("a 304 with its ETag and no body passes", async () => {
  const client = await clientAnswering(304, undefined, {}, { etag: '"t1"' });
  const { response } = await client.GET("/v1/projects/{project_id}/policies/{policy_id}", {
    params: {
      path: { project_id: "prj_1", policy_id: "pol_1" },
      header: { "If-None-Match": '"t1"' },
    },
  });
  expect(response.status).toBe(304);
});

test("declared request headers are checked against their limits", async () => {
  const client = await clientAnswering(200, profile);
  const error = await client
    .PUT("/v1/projects/{project_id}/policies/{policy_id}", {
      params: {
        path: { project_id: "prj_1", policy_id: "pol_1" },
        header: { "If-Match": "x".repeat(1025) },
      },
      body: { name: "n" },
    })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).issues.map((i) => i.message)).toEqual([
    expect.stringMatching(/^If-Match must be at most 1024 characters long .*1025 characters/),
  ]);
  expect(received).toBe(0);
});

test("an optional body may be left out; a body not sent as JSON is refused", async () => {
  const recommendation = exampleOf("PolicyRecommendation");
  const client = await clientAnswering(200, recommendation);
  const route = "/v1/projects/{project_id}/agents/{agent_id}/policy-recommendation" as const;
  const params = { path: { project_id: "prj_1", agent_id: "agt_1" } };
  expect((await client.POST(route, { params })).data).toEqual(recommendation);
  const error = await client
    .POST(route, {
      params,
      body: { lookback_days: 7 },
      bodySerializer: (body) => JSON.stringify(body),
      headers: { "content-type": "text/plain" },
    })
    .catch((e: unknown) => e);
  expect((error as ValidationError).issues.map((i) => i.message)).toEqual([
    "the request body must be sent as application/json (got text/plain)",
  ]);
  expect(received).toBe(1);
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
