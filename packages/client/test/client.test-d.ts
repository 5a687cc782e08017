import type {
  ApprovalRule,
  DryEvalResult,
  ListApprovalRulesResponse,
  ListPolicyProfilesResponse,
  PolicyProfile,
  PolicyRecommendation,
  PolicyReplayResult,
} from "@pgbeam/policies-types";
import { describe, expectTypeOf, test } from "vitest";
import {
  type ApiErrorCode,
  createPolicyClient,
  hasErrorCode,
  type MethodRef,
  type NotModified,
  type OperationMethodTable,
  operationMethods,
  type PgBeamApiError,
  type PolicyClient,
  type Tagged,
  type WithResponse,
} from "../src/index.js";

declare const pgbeam: PolicyClient;
declare const maybeTag: string | undefined;
const { policies } = pgbeam;

describe("method return types are the generated ones", () => {
  test("each method resolves to its operation's success body", () => {
    expectTypeOf(
      policies.createPolicyProfile("p", { name: "n" }),
    ).resolves.toEqualTypeOf<PolicyProfile>();
    expectTypeOf(
      policies.listPolicyProfiles("p"),
    ).resolves.toEqualTypeOf<ListPolicyProfilesResponse>();
    expectTypeOf(policies.getPolicyProfile("p", "q")).resolves.toEqualTypeOf<PolicyProfile>();
    expectTypeOf(
      policies.updatePolicyProfile("p", "q", { name: "n" }),
    ).resolves.toEqualTypeOf<PolicyProfile>();
    expectTypeOf(policies.deletePolicyProfile("p", "q")).resolves.toEqualTypeOf<void>();
    expectTypeOf(
      policies.dryEvalPolicy("p", { sql: "s", policy_id: "q" }),
    ).resolves.toEqualTypeOf<DryEvalResult>();
    expectTypeOf(
      policies.replayPolicy("p", { policy_id: "q" }),
    ).resolves.toEqualTypeOf<PolicyReplayResult>();
    expectTypeOf(policies.listAllPolicyProfiles("p")).toExtend<AsyncIterable<PolicyProfile>>();
    expectTypeOf(
      policies.recommendAgentPolicy("p", "a"),
    ).resolves.toEqualTypeOf<PolicyRecommendation>();
    expectTypeOf(policies.getPolicyProfileWithETag("p", "q")).resolves.toEqualTypeOf<
      Tagged<PolicyProfile>
    >();
    expectTypeOf(
      policies.getPolicyProfileWithETag("p", "q", { ifNoneMatch: '"t"' }),
    ).resolves.toEqualTypeOf<Tagged<PolicyProfile> | NotModified>();
    expectTypeOf(
      policies.listPolicyProfilesWithETag("p", {}, { ifNoneMatch: maybeTag }),
    ).resolves.toEqualTypeOf<Tagged<ListPolicyProfilesResponse> | NotModified>();
    expectTypeOf(
      policies.modifyPolicyProfile("p", "q", (current) => ({ ...current, max_rows: 5 })),
    ).resolves.toEqualTypeOf<PolicyProfile>();
  });

  test("error codes: the known ones autocomplete, any string is accepted", () => {
    expectTypeOf<"RESOURCE_EXISTS">().toExtend<ApiErrorCode>();
    expectTypeOf<"SOMETHING_NEW">().toExtend<ApiErrorCode>();
    const error: unknown = undefined;
    if (hasErrorCode(error, "RESOURCE_EXISTS")) {
      expectTypeOf(error).toExtend<PgBeamApiError>();
      expectTypeOf(error.code).toEqualTypeOf<"RESOURCE_EXISTS">();
    }
  });
});

describe("arguments are checked against the spec", () => {
  test("bodies", () => {
    // @ts-expect-error name is required
    void policies.createPolicyProfile("p", { access_mode: "read_only" });
    // @ts-expect-error access_mode is an enum
    void policies.updatePolicyProfile("p", "q", { name: "n", access_mode: "read_mostly" });
    // @ts-expect-error give exactly one of policy_id or policy
    void policies.dryEvalPolicy("p", { sql: "s", policy_id: "q", policy: { name: "n" } });
    // @ts-expect-error give exactly one of policy_id or policy
    void policies.replayPolicy("p", {});
  });

  test("query and options", () => {
    // @ts-expect-error page_size is a number
    void policies.listPolicyProfiles("p", { page_size: "10" });
    // @ts-expect-error listAll sets page_token itself
    void policies.listAllPolicyProfiles("p", { page_token: "t" });
    void policies.createPolicyProfile(
      "p",
      { name: "n" },
      { idempotencyKey: false, timeoutMs: 5, maxRetries: 0 },
    );
    // @ts-expect-error idempotencyKey is only for create
    void policies.getPolicyProfile("p", "q", { idempotencyKey: "k" });
    // @ts-expect-error ifMatch is only for update
    void policies.getPolicyProfile("p", "q", { ifMatch: "t" });
    // @ts-expect-error ifNoneMatch is only for reads
    void policies.updatePolicyProfile("p", "q", { name: "n" }, { ifNoneMatch: "t" });
    // @ts-expect-error lookback_days is a number
    void policies.recommendAgentPolicy("p", "a", { lookback_days: "30" });
    void policies.updatePolicyProfile(
      "p",
      "q",
      { name: "n" },
      { ifMatch: '"t"', totalTimeoutMs: 5 },
    );
  });

  test("client options", () => {
    // @ts-expect-error timeoutMs is a number
    createPolicyClient({ timeoutMs: "30s" });
    // Under exactOptionalPropertyTypes (on in this repo), possibly-undefined values are accepted.
    const fromEnv: { key: string | undefined; url: string | undefined } = {
      key: undefined,
      url: undefined,
    };
    createPolicyClient({
      apiKey: fromEnv.key,
      baseUrl: fromEnv.url,
      timeoutMs: undefined,
      token: undefined,
    });
    void pgbeam.policies.getPolicyProfile("p", "q", {
      signal: undefined,
      timeoutMs: undefined,
      headers: undefined,
    });
    void pgbeam.policies.createPolicyProfile("p", { name: "n" }, { idempotencyKey: undefined });
    expectTypeOf(createPolicyClient).parameter(0).toExtend<object | undefined>();
  });
});

test("the raw client is typed by the generated paths", async () => {
  const { data } = await pgbeam.raw.GET("/v1/projects/{project_id}/policies/{policy_id}", {
    params: { path: { project_id: "p", policy_id: "q" } },
  });
  // openapi-fetch flattens the intersection, so check assignability both ways.
  expectTypeOf<NonNullable<typeof data>>().toExtend<PolicyProfile>();
  expectTypeOf<PolicyProfile>().toExtend<NonNullable<typeof data>>();
});

describe("withResponse and conditional reads", () => {
  test("every call's promise has withResponse() with data, response, requestId and etag", () => {
    expectTypeOf(policies.getPolicyProfile("p", "q").withResponse()).resolves.toEqualTypeOf<
      WithResponse<PolicyProfile>
    >();
    expectTypeOf(pgbeam.approvalRules.delete("p", "r").withResponse()).resolves.toEqualTypeOf<
      WithResponse<void>
    >();
    expectTypeOf<WithResponse<void>["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<WithResponse<void>["etag"]>().toEqualTypeOf<string | undefined>();
  });

  test("a read with ifNoneMatch resolves to Tagged or NotModified (a 304 is a result)", () => {
    expectTypeOf(
      policies.getPolicyProfile("p", "q", { ifNoneMatch: '"t"' }),
    ).resolves.toEqualTypeOf<Tagged<PolicyProfile> | NotModified>();
    expectTypeOf(pgbeam.approvalRules.list("p", {}, { ifNoneMatch: '"t"' })).resolves.toEqualTypeOf<
      Tagged<ListApprovalRulesResponse> | NotModified
    >();
  });
});

describe("approval rules", () => {
  test("each method resolves to its operation's success body", () => {
    const rules = pgbeam.approvalRules;
    expectTypeOf(rules.create("p", { name: "n" })).resolves.toEqualTypeOf<ApprovalRule>();
    expectTypeOf(rules.get("p", "r")).resolves.toEqualTypeOf<ApprovalRule>();
    expectTypeOf(rules.list("p")).resolves.toEqualTypeOf<ListApprovalRulesResponse>();
    expectTypeOf(rules.update("p", "r", { name: "n" })).resolves.toEqualTypeOf<ApprovalRule>();
    expectTypeOf(
      rules.modify("p", "r", () => ({ enabled: false })),
    ).resolves.toEqualTypeOf<ApprovalRule>();
    expectTypeOf(rules.listAll("p")).toEqualTypeOf<AsyncGenerator<ApprovalRule, void, undefined>>();
  });

  test("statement kinds are the closed set; input requires a name", () => {
    // @ts-expect-error select is not a kind a rule can hold
    void pgbeam.approvalRules.create("p", { name: "n", statement_kinds: ["select"] });
    // @ts-expect-error name is required
    void pgbeam.approvalRules.create("p", { enabled: false });
  });
});

describe("the operation table holds the client to the spec", () => {
  test("a table missing one operation is a type error naming it", () => {
    const { deleteApprovalRule: _, ...missingOne } = operationMethods;
    // @ts-expect-error Property 'deleteApprovalRule' is missing
    missingOne satisfies OperationMethodTable;
  });

  test("a method the resource does not have is a type error", () => {
    // @ts-expect-error approvalRules has no method "remove"
    ["approvalRules", "remove"] as const satisfies MethodRef;
    // @ts-expect-error the Policies methods are named by operationId
    ["policies", "delete"] as const satisfies MethodRef;
  });
});
