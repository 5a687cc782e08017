import { operationSchemas, validators } from "@pgbeam/policies-validators";
import { arbitraryFor, componentSchema, specOperations } from "@pgbeam/spec-testing";
import fc from "fast-check";
import { describe, expect, inject, test } from "vitest";
import { filledPath } from "./clients.js";
import { prismInvalidFields } from "./prism-violations.js";

const baseUrl = inject("baseUrl");
const apiKey = inject("apiKey");
const seed = 20261125;

/**
 * One request to Prism. A keep-alive socket Prism closes just as a request goes out fails with
 * "other side closed" (UND_ERR_SOCKET) before Prism has judged anything: that request is sent
 * once more on a fresh socket. Any answer at all is taken as Prism's verdict.
 */
async function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const init = {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
  try {
    return await fetch(new URL(path, baseUrl), init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== "UND_ERR_SOCKET") throw error;
    return fetch(new URL(path, baseUrl), init);
  }
}

async function prismVerdict(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await send(method, path, body, headers);
  await response.arrayBuffer();
  return {
    status: response.status,
    fields: prismInvalidFields(response.headers.get("sl-violations")),
  };
}

const bodyOperations = operationSchemas.filter((op) => op.requestBody !== undefined);
const operationOf = (operationId: string) => {
  const op = specOperations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return op;
};

const profile = { name: "parity" };
const invalidBodies: Array<[string, string, unknown, string]> = [
  ["missing name", "createPolicyProfile", {}, "/name"],
  ["129-character name", "createPolicyProfile", { name: "n".repeat(129) }, "/name"],
  [
    "bad access_mode",
    "updatePolicyProfile",
    { ...profile, access_mode: "read_mostly" },
    "/access_mode",
  ],
  ["bad write_mode", "createPolicyProfile", { ...profile, write_mode: "yolo" }, "/write_mode"],
  [
    "bad approval_mode",
    "updatePolicyProfile",
    { ...profile, approval_mode: "some" },
    "/approval_mode",
  ],
  [
    "bad migration_safety",
    "createPolicyProfile",
    { ...profile, migration_safety: "strict" },
    "/migration_safety",
  ],
  [
    "negative hourly budget",
    "createPolicyProfile",
    { ...profile, budget_queries_per_hour: -1 },
    "/budget_queries_per_hour",
  ],
  [
    "negative egress budget",
    "updatePolicyProfile",
    { ...profile, egress_bytes_per_day: -5 },
    "/egress_bytes_per_day",
  ],
  ["fractional max_rows", "createPolicyProfile", { ...profile, max_rows: 1.5 }, "/max_rows"],
  ["name of the wrong type", "updatePolicyProfile", { name: 42 }, "/name"],
  [
    "allowlist of the wrong type",
    "createPolicyProfile",
    { ...profile, table_allowlist: "users" },
    "/table_allowlist",
  ],
  [
    "a statement kind that is not a string",
    "createPolicyProfile",
    { ...profile, statement_rules: { deny: [42] } },
    "/statement_rules/deny/0",
  ],
  [
    "bad masking kind",
    "createPolicyProfile",
    { ...profile, masking_rules: [{ table: "t", column: "c", kind: "blur" }] },
    "/masking_rules/0/kind",
  ],
  [
    "masking rule without column",
    "updatePolicyProfile",
    { ...profile, masking_rules: [{ table: "t", kind: "hash" }] },
    "/masking_rules/0/column",
  ],
  [
    "row filter without predicate",
    "createPolicyProfile",
    { ...profile, row_filters: [{ table: "t" }] },
    "/row_filters/0/predicate",
  ],
  [
    "row filter table of the wrong type",
    "updatePolicyProfile",
    { ...profile, row_filters: [{ table: 1, predicate: "true" }] },
    "/row_filters/0/table",
  ],
  ["dry-eval with neither", "dryEvalPolicy", { sql: "select 1" }, ""],
  [
    "dry-eval with both",
    "dryEvalPolicy",
    { sql: "select 1", policy_id: "pol_1", policy: profile },
    "",
  ],
  ["dry-eval with empty sql", "dryEvalPolicy", { sql: "", policy_id: "pol_1" }, "/sql"],
  [
    "dry-eval with a bad draft",
    "dryEvalPolicy",
    { sql: "select 1", policy: { name: "" } },
    "/policy/name",
  ],
  ["replay with neither", "replayPolicy", { limit: 10 }, ""],
  ["replay with both", "replayPolicy", { policy_id: "pol_1", policy: profile }, ""],
  ["replay limit over 500", "replayPolicy", { policy_id: "pol_1", limit: 501 }, "/limit"],
  [
    "replay with a bad start_ts",
    "replayPolicy",
    { policy_id: "pol_1", start_ts: "yesterday" },
    "/start_ts",
  ],
  [
    "bad content_scan_mode",
    "createPolicyProfile",
    { ...profile, content_scan_mode: "strict" },
    "/content_scan_mode",
  ],
  [
    "negative content_scan_max_bytes",
    "updatePolicyProfile",
    { ...profile, content_scan_max_bytes: -1 },
    "/content_scan_max_bytes",
  ],
  [
    "fractional content_scan_max_bytes",
    "createPolicyProfile",
    { ...profile, content_scan_max_bytes: 0.5 },
    "/content_scan_max_bytes",
  ],
  [
    "a draft with a bad content_scan_mode",
    "dryEvalPolicy",
    { sql: "select 1", policy: { ...profile, content_scan_mode: "on" } },
    "/policy/content_scan_mode",
  ],
  [
    "replay with both credential_id and bound_policy_id",
    "replayPolicy",
    { policy_id: "pol_1", credential_id: "agt_1", bound_policy_id: "pol_2" },
    "",
  ],
  [
    "replay with a bound_policy_id of the wrong type",
    "replayPolicy",
    { policy_id: "pol_1", bound_policy_id: 7 },
    "/bound_policy_id",
  ],
  [
    "recommendation lookback of 0 days",
    "recommendAgentPolicy",
    { lookback_days: 0 },
    "/lookback_days",
  ],
  [
    "recommendation lookback over 365 days",
    "recommendAgentPolicy",
    { lookback_days: 366 },
    "/lookback_days",
  ],
  ["recommendation limit over 500", "recommendAgentPolicy", { limit: 501 }, "/limit"],
  ["recommendation limit of the wrong type", "recommendAgentPolicy", { limit: "all" }, "/limit"],
];

describe.runIf(inject("usingMock"))("Prism and the validators agree on request bodies", () => {
  test.each(invalidBodies)(
    "%s is refused by both, at the same field",
    async (_, operationId, body, field) => {
      const op = operationOf(operationId);
      const schema = bodyOperations.find((o) => o.operationId === operationId)?.requestBody;
      if (!schema) throw new Error(`${operationId} has no body schema`);
      const prism = await prismVerdict(op.method, filledPath(op.path), body);
      const ours = validators[schema].validate(body);
      const ourFields = ours.ok ? [] : ours.issues.map((issue) => issue.path);
      const report = `input ${JSON.stringify(body)}: Prism ${prism.status} ${JSON.stringify(prism.fields)}, validators ${JSON.stringify(ourFields)}`;
      expect(prism.status, report).toBe(400);
      expect(prism.fields, report).toContain(field);
      expect(ourFields, report).toContain(field);
    },
  );

  test("a statement kind the spec does not list is accepted by both (kinds are an open enum)", async () => {
    const op = operationOf("createPolicyProfile");
    const body = { ...profile, statement_rules: { allow: ["select", "merge"], deny: ["drop"] } };
    const prism = await prismVerdict(op.method, filledPath(op.path), body);
    expect(prism.status).toBe(201);
    expect(validators.PolicyProfileInput.validate(body).ok).toBe(true);
  });

  test.each(bodyOperations.map((op) => [op.operationId, op.requestBody] as const))(
    "%s: 200 bodies generated from %s are accepted by both",
    async (operationId, schema) => {
      const op = operationOf(operationId);
      const bodies = fc.sample(arbitraryFor(componentSchema(schema as string)), {
        seed,
        numRuns: 200,
      });
      for (const body of bodies) {
        const ours = validators[schema as "PolicyProfileInput"].validate(body);
        const prism = await prismVerdict(op.method, filledPath(op.path), body);
        const report = `input ${JSON.stringify(body)}: Prism ${prism.status} ${JSON.stringify(prism.fields)}, validators ${ours.ok ? "ok" : JSON.stringify(ours.issues)}`;
        expect(prism.status < 300 && ours.ok, report).toBe(true);
      }
    },
    60_000,
  );
});

describe.runIf(inject("usingMock"))("Prism and the validators agree on parameters", () => {
  const list = operationOf("listPolicyProfiles");
  const listParams = operationSchemas.find((o) => o.operationId === "listPolicyProfiles");

  test.each([
    ["page_size 0", "?page_size=0", { page_size: 0 }, "/page_size"],
    ["page_size 101", "?page_size=101", { page_size: 101 }, "/page_size"],
    ["page_token outside its pattern", "?page_token=a%20b", { page_token: "a b" }, "/page_token"],
  ])("%s is refused by both", async (_, query, params, field) => {
    const prism = await prismVerdict("GET", `${filledPath(list.path)}${query}`);
    const ours =
      validators[listParams?.queryParams ?? "ListPolicyProfilesQueryParams"].validate(params);
    expect(prism.status).toBe(400);
    expect(prism.fields).toContain(field);
    expect(ours.ok ? [] : ours.issues.map((i) => i.path)).toContain(field);
  });

  test("a project_id outside its pattern is refused by both", async () => {
    const prism = await prismVerdict("GET", "/v1/projects/prj%20x/policies");
    const ours = validators[listParams?.pathParams ?? "ListPolicyProfilesPathParams"].validate({
      project_id: "prj x",
    });
    expect(prism.status).toBe(400);
    expect(prism.fields).toContain("/project_id");
    expect(ours.ok ? [] : ours.issues.map((i) => i.path)).toContain("/project_id");
  });

  test("valid parameters are accepted by both", async () => {
    const prism = await prismVerdict(
      "GET",
      `${filledPath(list.path)}?page_size=100&page_token=abc.DEF_1-2`,
    );
    const ours = validators.ListPolicyProfilesQueryParams.validate({
      page_size: 100,
      page_token: "abc.DEF_1-2",
    });
    expect(prism.status).toBe(200);
    expect(ours.ok).toBe(true);
  });
});

describe.runIf(inject("usingMock"))(
  "Prism and the validators agree on the new request headers",
  () => {
    const headerCases: Array<[string, string, string, string]> = [
      [
        "a 256-character Idempotency-Key",
        "createPolicyProfile",
        "Idempotency-Key",
        "k".repeat(256),
      ],
      ["a 1025-character If-Match", "updatePolicyProfile", "If-Match", `"${"e".repeat(1023)}"`],
      [
        "a 1025-character If-None-Match",
        "getPolicyProfile",
        "If-None-Match",
        `"${"e".repeat(1023)}"`,
      ],
      [
        "a 1025-character If-None-Match on the list",
        "listPolicyProfiles",
        "If-None-Match",
        "e".repeat(1025),
      ],
    ];

    test.each(headerCases)("%s is refused by both", async (_, operationId, header, value) => {
      const op = operationOf(operationId);
      const params = operationSchemas.find((o) => o.operationId === operationId)?.headerParams;
      if (!params) throw new Error(`${operationId} declares no headers`);
      const body = op.requestExample;
      const prism = await prismVerdict(op.method, filledPath(op.path), body, { [header]: value });
      const ours = validators[params].validate({ [header]: value });
      const report = `${header}: Prism ${prism.status} ${JSON.stringify(prism.fields)}, validators ${ours.ok ? "ok" : JSON.stringify(ours.issues)}`;
      expect(prism.status, report).toBe(400);
      expect(ours.ok ? [] : ours.issues.map((i) => i.path), report).toEqual([`/${header}`]);
    });

    test.each([
      ["createPolicyProfile", "Idempotency-Key", "5b0c3f5e-8a4d-4c1e-9f6a-2d7b8e9c0a1f"],
      ["updatePolicyProfile", "If-Match", '"9c1f4e7a2b"'],
      ["getPolicyProfile", "If-None-Match", 'W/"a", "b"'],
      ["listPolicyProfiles", "If-None-Match", "*"],
    ])("%s with a valid %s is accepted by both", async (operationId, header, value) => {
      const op = operationOf(operationId);
      const params = operationSchemas.find((o) => o.operationId === operationId)?.headerParams;
      const prism = await prismVerdict(op.method, filledPath(op.path), op.requestExample, {
        [header]: value,
      });
      expect(prism.status).toBeLessThan(300);
      expect(
        validators[params ?? "CreatePolicyProfileHeaderParams"].validate({ [header]: value }).ok,
      ).toBe(true);
    });

    test("a body that is not sent as JSON: Prism answers 415, the middleware refuses it before it leaves", async () => {
      const op = operationOf("createPolicyProfile");
      const response = await fetch(new URL(filledPath(op.path), baseUrl), {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "text/plain" },
        body: JSON.stringify(profile),
      });
      await response.arrayBuffer();
      expect(response.status).toBe(415);
    });
  },
);
