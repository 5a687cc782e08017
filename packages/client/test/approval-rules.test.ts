// client.approvalRules against a real loopback server: the requests each method sends, ETags,
// the read-modify-write that keeps what the caller did not change, typed errors and pagination.
import type { ApprovalRule } from "@pgbeam/policies-types";
import { afterEach, describe, expect, test } from "vitest";
import {
  ConflictError,
  createPolicyClient,
  PgBeamArgumentError,
  PreconditionFailedError,
} from "../src/index.js";
import { apiKey } from "./helpers/fixtures.js";
import { json, problem, type Recorded, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
afterEach(() => server.close());

/** A saved rule as the server returns it. */
function rule(overrides: Partial<ApprovalRule> = {}): ApprovalRule {
  return {
    id: "apl_1",
    project_id: "prj_1",
    name: "payments deletes",
    statement_kinds: ["delete"],
    relation_name: "payments",
    min_affected_rows: 1000,
    enabled: false,
    created_at: "2026-12-01T10:00:00Z",
    updated_at: "2026-12-01T10:00:00Z",
    ...overrides,
  };
}

/** A server holding one rule with ETags; `onPut` may refuse a write first. */
async function ruleServer(onPut?: (n: number, request: Recorded) => boolean) {
  let stored = rule();
  let version = 1;
  let puts = 0;
  server = await startServer((_, request, res) => {
    const etag = `"v${version}"`;
    if (request.method === "GET") {
      json(res, 200, stored, { etag, "x-request-id": `req_get_${version}` });
      return;
    }
    if (request.method === "PUT") {
      if (onPut?.(puts++, request) === false || request.headers["if-match"] !== etag) {
        version++;
        problem(res, 412, "PRECONDITION_FAILED", "changed", { headers: { etag: `"v${version}"` } });
        return;
      }
      stored = { ...rule(), ...JSON.parse(request.body), id: stored.id };
      version++;
      json(res, 200, stored, { "x-request-id": "req_put" });
      return;
    }
    problem(res, 405, "METHOD_NOT_ALLOWED", "not here");
  });
  return createPolicyClient({ apiKey, baseUrl: server.url, maxRetries: 0 }).approvalRules;
}

describe("each method sends the documented request", () => {
  test("create: POST with a body and an Idempotency-Key; withResponse has the request id", async () => {
    server = await startServer((_, __, res) =>
      json(res, 201, rule({ enabled: true }), { "x-request-id": "req_create" }),
    );
    const rules = createPolicyClient({ apiKey, baseUrl: server.url }).approvalRules;
    const { data, requestId, response } = await rules
      .create("prj_1", { name: "payments deletes", statement_kinds: ["delete"] })
      .withResponse();
    expect(data.id).toBe("apl_1");
    expect(requestId).toBe("req_create");
    expect(response.status).toBe(201);
    const [sent] = server.requests;
    expect(sent?.method).toBe("POST");
    expect(sent?.path).toBe("/v1/projects/prj_1/approval-rules");
    expect(sent?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(sent?.body ?? "")).toEqual({
      name: "payments deletes",
      statement_kinds: ["delete"],
    });
  });

  test("get: the rule, and its ETag on withResponse()", async () => {
    const rules = await ruleServer();
    expect(await rules.get("prj_1", "apl_1")).toEqual(rule());
    const { etag, requestId } = await rules.get("prj_1", "apl_1").withResponse();
    expect(etag).toBe('"v1"');
    expect(requestId).toBe("req_get_1");
    expect(server.requests[0]?.path).toBe("/v1/projects/prj_1/approval-rules/apl_1");
  });

  test("delete: 204 resolves to undefined", async () => {
    server = await startServer((_, __, res) => res.writeHead(204).end());
    const rules = createPolicyClient({ apiKey, baseUrl: server.url }).approvalRules;
    const { data, response } = await rules.delete("prj_1", "apl_1").withResponse();
    expect(data).toBeUndefined();
    expect(response.status).toBe(204);
    expect(server.requests[0]?.method).toBe("DELETE");
  });

  test("a bad id is refused before sending, as a rejection", async () => {
    server = await startServer((_, __, res) => res.writeHead(204).end());
    const rules = createPolicyClient({ apiKey, baseUrl: server.url }).approvalRules;
    await expect(rules.delete("prj_1", "..")).rejects.toBeInstanceOf(PgBeamArgumentError);
    expect(server.requests).toHaveLength(0);
  });

  test("a 409 is a typed ConflictError with the problem's code", async () => {
    server = await startServer((_, __, res) =>
      problem(res, 409, "INVALID_STATE", "A self-hosted enrollment is live."),
    );
    const rules = createPolicyClient({ apiKey, baseUrl: server.url }).approvalRules;
    const error = await rules.create("prj_1", { name: "n" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: "INVALID_STATE" });
  });
});

describe("modify: read, patch over the current rule, write under If-Match", () => {
  test("a patch without enabled keeps a disabled rule disabled (the full-replace trap)", async () => {
    const rules = await ruleServer();
    const updated = await rules.modify("prj_1", "apl_1", () => ({ name: "renamed" }));
    expect(updated).toMatchObject({ name: "renamed", enabled: false });
    const put = server.requests.find((r) => r.method === "PUT");
    expect(put?.headers["if-match"]).toBe('"v1"');
    expect(JSON.parse(put?.body ?? "")).toEqual({
      name: "renamed",
      statement_kinds: ["delete"],
      relation_name: "payments",
      min_affected_rows: 1000,
      enabled: false,
    });
  });

  test("null in the patch clears a field; undefined from change writes nothing", async () => {
    const rules = await ruleServer();
    await rules.modify("prj_1", "apl_1", () => ({ min_affected_rows: null }));
    const put = server.requests.find((r) => r.method === "PUT");
    expect(JSON.parse(put?.body ?? "")).toMatchObject({ min_affected_rows: null, enabled: false });
    const before = server.requests.length;
    expect(await rules.modify("prj_1", "apl_1", () => undefined)).toMatchObject({ id: "apl_1" });
    expect(server.requests.slice(before).map((r) => r.method)).toEqual(["GET"]);
  });

  test("a 412 reads and applies again", async () => {
    const rules = await ruleServer((n) => n > 0);
    const updated = await rules.modify("prj_1", "apl_1", (current) => ({
      statement_kinds: [...current.statement_kinds, "update"],
    }));
    expect(updated.statement_kinds).toEqual(["delete", "update"]);
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "PUT", "GET", "PUT"]);
  });

  test("update with a stale ifMatch is a PreconditionFailedError carrying the current tag", async () => {
    const rules = await ruleServer();
    const error = await rules
      .update("prj_1", "apl_1", { name: "n" }, { ifMatch: '"v0"' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error).toMatchObject({ etag: '"v2"' });
  });
});

describe("list and listAll", () => {
  test("listAll follows next_page_token across pages", async () => {
    server = await startServer((n, request, res) => {
      const token = new URL(request.path, "http://x").searchParams.get("page_token");
      if (token === null) json(res, 200, { approval_rules: [rule()], next_page_token: "p2" });
      else json(res, 200, { approval_rules: [rule({ id: "apl_2" })] });
      void n;
    });
    const rules = createPolicyClient({ apiKey, baseUrl: server.url }).approvalRules;
    const ids: string[] = [];
    for await (const item of rules.listAll("prj_1", { page_size: 1 })) ids.push(item.id);
    expect(ids).toEqual(["apl_1", "apl_2"]);
    expect(server.requests[1]?.path).toBe(
      "/v1/projects/prj_1/approval-rules?page_size=1&page_token=p2",
    );
  });

  test("list with ifNoneMatch resolves a 304 to NotModified", async () => {
    server = await startServer((_, __, res) => res.writeHead(304, { etag: '"v1"' }).end());
    const rules = createPolicyClient({ apiKey, baseUrl: server.url }).approvalRules;
    expect(await rules.list("prj_1", {}, { ifNoneMatch: '"v1"' })).toEqual({
      notModified: true,
      data: undefined,
      etag: '"v1"',
    });
  });
});
