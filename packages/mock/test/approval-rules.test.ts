// Approval rules against the emulator, one scenario per status the spec documents for each of the
// five operations; every answer is checked against the spec (schema, headers, error code).
import { type OperationId, operationTable } from "@pgbeam/policies-types";
import { operationSchemas, validators } from "@pgbeam/policies-validators";
import { beforeEach, describe, expect, test } from "vitest";
import { createPolicyMock, type PolicyMock } from "../src/index.js";
import { apiKey } from "./helpers.js";

type RuleOperation = Extract<
  OperationId,
  | "createApprovalRule"
  | "listApprovalRules"
  | "getApprovalRule"
  | "updateApprovalRule"
  | "deleteApprovalRule"
>;

const project = "prj_rules";
const rules = `/v1/projects/${project}/approval-rules`;
let mock: PolicyMock;

beforeEach(() => {
  mock = createPolicyMock();
});

interface Sent {
  method?: string;
  path?: string;
  body?: unknown;
  headers?: Record<string, string>;
  auth?: boolean;
}

/** Sends one request of `operationId` and checks the answer against the spec before returning it. */
async function send(operationId: RuleOperation, sent: Sent) {
  const facts = operationTable[operationId];
  const headers: Record<string, string> = { ...sent.headers };
  if (sent.auth !== false) headers.authorization = `Bearer ${apiKey}`;
  if (sent.body !== undefined && headers["content-type"] === undefined)
    headers["content-type"] = "application/json";
  const response = await mock.fetch(`https://api.pgbeam.com${sent.path ?? rules}`, {
    method: sent.method ?? facts.method,
    headers,
    ...(sent.body === undefined
      ? {}
      : { body: typeof sent.body === "string" ? sent.body : JSON.stringify(sent.body) }),
  });
  const text = await response.text();
  const body = text === "" ? undefined : JSON.parse(text);
  const status = response.status;
  expect(facts.statuses, `${operationId} does not document ${status}`).toContain(status);
  const schema = operationSchemas.find((op) => op.operationId === operationId)?.responses[
    String(status)
  ];
  if (schema === null || schema === undefined) expect(text).toBe("");
  else expect(validators[schema].validate(body).ok, `${operationId} ${status}: ${text}`).toBe(true);
  for (const header of (facts.requiredResponseHeaders as Record<number, readonly string[]>)[
    status
  ] ?? [])
    expect(response.headers.get(header), `${operationId} ${status} ${header}`).not.toBeNull();
  if (status >= 400) {
    const codes = (facts.errorCodes as Record<number, readonly string[]>)[status] ?? [];
    expect(codes).toContain(body.code);
  }
  return { status, body, headers: response.headers };
}

const create = (body: unknown, headers: Record<string, string> = {}) =>
  send("createApprovalRule", { body, headers });
const rulePath = (id: string) => `${rules}/${id}`;

describe("createApprovalRule", () => {
  test("201: the rule with its defaults (enabled, every kind) and an apl_ id", async () => {
    const { status, body } = await create({ name: "big deletes", min_affected_rows: 1000 });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      project_id: project,
      name: "big deletes",
      statement_kinds: [],
      min_affected_rows: 1000,
      enabled: true,
    });
    expect(body.id).toMatch(/^apl_/);
  });

  test("400: a schema violation names the field; a blank name is refused too", async () => {
    const zero = await create({ name: "r", min_affected_rows: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.errors[0].field).toBe("min_affected_rows");
    const kind = await create({ name: "r", statement_kinds: ["select"] });
    expect(kind.status).toBe(400);
    const blank = await create({ name: "   " });
    expect(blank).toMatchObject({ status: 400, body: { errors: [{ field: "name" }] } });
  });

  test("401 without a token; 403, 429 and 500 as injected faults", async () => {
    expect((await send("createApprovalRule", { body: { name: "r" }, auth: false })).status).toBe(
      401,
    );
    mock.faults.next("createApprovalRule", { status: 403, code: "FORBIDDEN" });
    expect((await create({ name: "r" })).body.code).toBe("FORBIDDEN");
    mock.faults.next("createApprovalRule", { status: 429, retryAfter: 3 });
    const limited = await create({ name: "r" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    mock.faults.next("createApprovalRule", { status: 500 });
    expect((await create({ name: "r" })).status).toBe(500);
    expect(mock.approvalRules(project)).toEqual([]);
  });

  test("404 for a project that does not exist", async () => {
    mock = createPolicyMock({ autoCreateProjects: false });
    expect((await create({ name: "r" })).status).toBe(404);
  });

  test("409: a taken name (RESOURCE_EXISTS)", async () => {
    await create({ name: "r" });
    const taken = await create({ name: "r" });
    expect(taken).toMatchObject({ status: 409, body: { code: "RESOURCE_EXISTS" } });
  });

  test("409 while a self-host enrollment is live (INVALID_STATE); a disabled rule is accepted", async () => {
    mock.setSelfHostEnrollment({ expires_at: null });
    const refused = await create({ name: "r" });
    expect(refused).toMatchObject({ status: 409, body: { code: "INVALID_STATE" } });
    expect((await create({ name: "r", enabled: false })).status).toBe(201);
    mock.setSelfHostEnrollment({ revoked_at: "2020-01-01T00:00:00Z" });
    expect((await create({ name: "r2" })).status).toBe(201);
    mock.setSelfHostEnrollment({ expires_at: "2020-01-01T00:00:00Z" });
    expect((await create({ name: "r3" })).status).toBe(201);
  });

  test("409: the same Idempotency-Key with another body; the same body replays the first answer", async () => {
    const key = { "Idempotency-Key": "k-1" };
    const first = await create({ name: "r" }, key);
    const again = await create({ name: "r" }, key);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const reused = await create({ name: "other" }, key);
    expect(reused).toMatchObject({ status: 409, body: { code: "IDEMPOTENCY_KEY_REUSED" } });
    expect(mock.approvalRules(project)).toHaveLength(1);
  });

  test("413 for a body over the limit; 415 for a body that is not JSON", async () => {
    const huge = await create({ name: "r", schema_name: "x".repeat(3 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const text = await send("createApprovalRule", {
      body: '{"name":"r"}',
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(415);
  });
});

describe("listApprovalRules", () => {
  test("200 in creation order, paged with page tokens; 304 on a matching If-None-Match", async () => {
    for (const name of ["a", "b", "c"]) await create({ name });
    const first = await send("listApprovalRules", { path: `${rules}?page_size=2` });
    expect(first.body.approval_rules.map((r: { name: string }) => r.name)).toEqual(["a", "b"]);
    const next = await send("listApprovalRules", {
      path: `${rules}?page_size=2&page_token=${first.body.next_page_token}`,
    });
    expect(next.body).toEqual({ approval_rules: [expect.objectContaining({ name: "c" })] });
    const etag = first.headers.get("etag") as string;
    const same = await send("listApprovalRules", {
      path: `${rules}?page_size=2`,
      headers: { "If-None-Match": etag },
    });
    expect(same.status).toBe(304);
  });

  test("400 for a page_size out of range or a token of another list", async () => {
    expect((await send("listApprovalRules", { path: `${rules}?page_size=0` })).status).toBe(400);
    mock.seed(project, [{ name: "p1" }, { name: "p2" }]);
    const profiles = await mock.fetch(
      `https://api.pgbeam.com/v1/projects/${project}/policies?page_size=1`,
      { headers: { authorization: `Bearer ${apiKey}` } },
    );
    const token = (await profiles.json()).next_page_token;
    const crossed = await send("listApprovalRules", { path: `${rules}?page_token=${token}` });
    expect(crossed).toMatchObject({ status: 400, body: { errors: [{ field: "page_token" }] } });
  });

  test("401, 403, 404, 429 and 500", async () => {
    expect((await send("listApprovalRules", { auth: false })).status).toBe(401);
    for (const status of [403, 429, 500]) {
      mock.faults.next("listApprovalRules", { status });
      expect((await send("listApprovalRules", {})).status).toBe(status);
    }
    mock = createPolicyMock({ autoCreateProjects: false });
    expect((await send("listApprovalRules", {})).status).toBe(404);
  });
});

describe("getApprovalRule", () => {
  test("200 with a strong ETag; 304 while it matches; a new tag after an update", async () => {
    const { body: rule } = await create({ name: "r", relation_name: "payments" });
    const got = await send("getApprovalRule", { path: rulePath(rule.id) });
    expect(got.body).toEqual(rule);
    const etag = got.headers.get("etag") as string;
    const cached = { path: rulePath(rule.id), headers: { "If-None-Match": etag } };
    expect((await send("getApprovalRule", cached)).status).toBe(304);
    await send("updateApprovalRule", { path: rulePath(rule.id), body: { name: "r2" } });
    expect((await send("getApprovalRule", cached)).status).toBe(200);
  });

  test("400 for a malformed id, 401, 403, 404 for an unknown rule, 500", async () => {
    expect((await send("getApprovalRule", { path: rulePath("apl bad") })).status).toBe(400);
    expect((await send("getApprovalRule", { path: rulePath("apl_x"), auth: false })).status).toBe(
      401,
    );
    mock.faults.next("getApprovalRule", { status: 403 });
    expect((await send("getApprovalRule", { path: rulePath("apl_x") })).status).toBe(403);
    const missing = await send("getApprovalRule", { path: rulePath("apl_missing") });
    expect(missing).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    mock.faults.next("getApprovalRule", { status: 500 });
    expect((await send("getApprovalRule", { path: rulePath("apl_x") })).status).toBe(500);
  });
});

describe("updateApprovalRule", () => {
  test("200: a PUT is a full replace, so leaving out enabled re-enables a disabled rule", async () => {
    const { body: rule } = await create({
      name: "r",
      statement_kinds: ["delete"],
      schema_name: "billing",
      enabled: false,
    });
    const replaced = await send("updateApprovalRule", {
      path: rulePath(rule.id),
      body: { name: "r" },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: rule.id, statement_kinds: [], enabled: true });
    expect(replaced.body.schema_name).toBeUndefined();
    expect(replaced.body.created_at).toBe(rule.created_at);
  });

  test("412 when If-Match names an older version, with the current ETag; 200 when it is current", async () => {
    const { body: rule } = await create({ name: "r" });
    const etag = (await send("getApprovalRule", { path: rulePath(rule.id) })).headers.get("etag");
    const put = (name: string, ifMatch: string) =>
      send("updateApprovalRule", {
        path: rulePath(rule.id),
        body: { name },
        headers: { "If-Match": ifMatch },
      });
    expect((await put("r2", etag as string)).status).toBe(200);
    const stale = await put("r3", etag as string);
    expect(stale).toMatchObject({ status: 412, body: { code: "PRECONDITION_FAILED" } });
    expect(stale.headers.get("etag")).not.toBe(etag);
    expect((await put("r3", stale.headers.get("etag") as string)).status).toBe(200);
  });

  test("409: a rename onto a taken name; a result still enabled under a live enrollment", async () => {
    await create({ name: "a" });
    const { body: b } = await create({ name: "b" });
    const renamed = await send("updateApprovalRule", { path: rulePath(b.id), body: { name: "a" } });
    expect(renamed).toMatchObject({ status: 409, body: { code: "RESOURCE_EXISTS" } });
    mock.setSelfHostEnrollment({});
    const enabled = await send("updateApprovalRule", { path: rulePath(b.id), body: { name: "b" } });
    expect(enabled).toMatchObject({ status: 409, body: { code: "INVALID_STATE" } });
    const disabled = await send("updateApprovalRule", {
      path: rulePath(b.id),
      body: { name: "b", enabled: false },
    });
    expect(disabled.status).toBe(200);
  });

  test("400, 401, 403, 404, 413, 415 and 500", async () => {
    const { body: rule } = await create({ name: "r" });
    const path = rulePath(rule.id);
    expect((await send("updateApprovalRule", { path, body: { name: "" } })).status).toBe(400);
    expect(
      (await send("updateApprovalRule", { path, body: { name: "r" }, auth: false })).status,
    ).toBe(401);
    mock.faults.next("updateApprovalRule", { status: 403 });
    expect((await send("updateApprovalRule", { path, body: { name: "r" } })).status).toBe(403);
    const missing = await send("updateApprovalRule", {
      path: rulePath("apl_missing"),
      body: { name: "r" },
    });
    expect(missing.status).toBe(404);
    const huge = { name: "r", relation_name: "x".repeat(3 * 1024 * 1024) };
    expect((await send("updateApprovalRule", { path, body: huge })).status).toBe(413);
    const text = { path, body: "{}", headers: { "content-type": "text/plain" } };
    expect((await send("updateApprovalRule", text)).status).toBe(415);
    mock.faults.next("updateApprovalRule", { status: 500 });
    expect((await send("updateApprovalRule", { path, body: { name: "r" } })).status).toBe(500);
  });
});

describe("deleteApprovalRule", () => {
  test("204 and then 404; 400, 401, 403 and 500", async () => {
    const { body: rule } = await create({ name: "r" });
    const path = rulePath(rule.id);
    expect((await send("deleteApprovalRule", { path: rulePath("apl bad") })).status).toBe(400);
    expect((await send("deleteApprovalRule", { path, auth: false })).status).toBe(401);
    mock.faults.next("deleteApprovalRule", { status: 403 });
    expect((await send("deleteApprovalRule", { path })).status).toBe(403);
    mock.faults.next("deleteApprovalRule", { status: 500 });
    expect((await send("deleteApprovalRule", { path })).status).toBe(500);
    expect((await send("deleteApprovalRule", { path })).status).toBe(204);
    expect((await send("deleteApprovalRule", { path })).status).toBe(404);
    expect(mock.approvalRules(project)).toEqual([]);
  });
});

describe("seeding", () => {
  test("seedApprovalRules stores inputs with defaults and saved rules as given; refuses a taken or blank name", async () => {
    const [input, saved] = mock.seedApprovalRules(project, [
      { name: "a" },
      {
        id: "apl_seeded",
        project_id: "prj_other",
        name: "b",
        statement_kinds: ["ddl"],
        enabled: false,
        created_at: "2026-01-01T00:00:00Z",
        updated_at: "2026-01-01T00:00:00Z",
      },
    ]);
    expect(input).toMatchObject({ name: "a", enabled: true, statement_kinds: [] });
    expect(saved).toMatchObject({ id: "apl_seeded", project_id: project });
    expect((await send("getApprovalRule", { path: rulePath("apl_seeded") })).body.name).toBe("b");
    expect(() => mock.seedApprovalRules(project, [{ name: "a" }])).toThrow(
      /seedApprovalRules\(prj_rules\)\[0\]: name "a" is taken/,
    );
    expect(() => mock.seedApprovalRules(project, [{ name: "c" }, { name: " " }])).toThrow(/blank/);
    expect(mock.approvalRules(project).map((rule) => rule.name)).toEqual(["a", "b"]);
  });

  test("snapshot and restore carry the rules and the enrollment", async () => {
    mock.seedApprovalRules(project, [{ name: "a" }]);
    mock.setSelfHostEnrollment({});
    const snapshot = mock.snapshot();
    mock.reset();
    expect(mock.approvalRules(project)).toEqual([]);
    expect((await create({ name: "z" })).status).toBe(201);
    mock.restore(snapshot);
    expect(mock.approvalRules(project).map((rule) => rule.name)).toEqual(["a"]);
    expect((await create({ name: "b" })).status).toBe(409);
  });
});

test("every status the spec documents for the five operations has a scenario above", () => {
  const covered: Record<RuleOperation, number[]> = {
    createApprovalRule: [201, 400, 401, 403, 404, 409, 413, 415, 429, 500],
    listApprovalRules: [200, 304, 400, 401, 403, 404, 429, 500],
    getApprovalRule: [200, 304, 400, 401, 403, 404, 500],
    updateApprovalRule: [200, 400, 401, 403, 404, 409, 412, 413, 415, 500],
    deleteApprovalRule: [204, 400, 401, 403, 404, 500],
  };
  for (const [operationId, statuses] of Object.entries(covered))
    expect([...operationTable[operationId as RuleOperation].statuses]).toEqual(statuses);
});
