import { describe, expectTypeOf, test } from "vitest";
import type {
  AccessMode,
  ApprovalRule,
  ApprovalRuleInput,
  ApprovalRuleStatementKind,
  ContentScanMode,
  DryEvalInput,
  ErrorCode,
  KnownErrorCode,
  KnownStatementKind,
  OperationId,
  operations,
  PolicyProfile,
  PolicyProfileInput,
  PolicyRecommendation,
  PolicyReplayInput,
  PolicyReplaySummary,
  Problem,
  paths,
  StatementKind,
} from "../src/index.js";
import { operationTable } from "../src/index.js";

describe("PolicyProfileInput", () => {
  test("name is the only required field", () => {
    expectTypeOf<{ name: string }>().toExtend<PolicyProfileInput>();
    expectTypeOf<{ access_mode: "read_only" }>().not.toExtend<PolicyProfileInput>();
  });

  test("enums are literal unions", () => {
    expectTypeOf<AccessMode>().toEqualTypeOf<"read_only" | "read_write">();
    expectTypeOf<NonNullable<PolicyProfileInput["write_mode"]>>().toEqualTypeOf<
      "normal" | "rollback" | "sandbox"
    >();
    expectTypeOf<NonNullable<PolicyProfileInput["approval_mode"]>>().toEqualTypeOf<
      "off" | "writes" | "ddl" | "all"
    >();
    expectTypeOf<NonNullable<PolicyProfileInput["migration_safety"]>>().toEqualTypeOf<
      "off" | "warn" | "block"
    >();
  });

  test("masking rules and statement kinds are checked", () => {
    const input: PolicyProfileInput = {
      name: "ok",
      masking_rules: [{ table: "public.users", column: "email", kind: "hash" }],
      statement_rules: { allow: ["select"], deny: ["ddl"] },
      max_affected_rows: 10,
    };
    expectTypeOf(input).toExtend<PolicyProfileInput>();
    const badKind: PolicyProfileInput = {
      name: "x",
      // @ts-expect-error "blur" is not a masking kind
      masking_rules: [{ table: "t", column: "c", kind: "blur" }],
    };
    void badKind;
  });
});

describe("StatementKind, an open enum", () => {
  test("any string is a kind on the wire; KnownStatementKind names the known ones", () => {
    expectTypeOf<StatementKind>().toEqualTypeOf<string>();
    // A kind the service adds later still type-checks (the linter warns about unknown ones).
    const rules: PolicyProfileInput["statement_rules"] = { allow: ["select", "merge"] };
    void rules;
    expectTypeOf<KnownStatementKind>().toEqualTypeOf<
      | "select"
      | "insert"
      | "update"
      | "delete"
      | "ddl"
      | "copy"
      | "set"
      | "show"
      | "explain"
      | "transaction"
    >();
    expectTypeOf<KnownStatementKind>().toExtend<StatementKind>();
  });
});

describe("PolicyProfile", () => {
  test("server-set and always-present fields are required", () => {
    expectTypeOf<PolicyProfile["id"]>().toEqualTypeOf<string>();
    expectTypeOf<PolicyProfile["access_mode"]>().toEqualTypeOf<AccessMode>();
    expectTypeOf<PolicyProfile["table_allowlist"]>().toEqualTypeOf<string[]>();
    expectTypeOf<PolicyProfile["masking_rules"]>().toBeArray();
  });

  test("defaulted settings may be absent", () => {
    expectTypeOf<PolicyProfile["max_rows"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PolicyProfile["write_mode"]>().toEqualTypeOf<
      "normal" | "rollback" | "sandbox" | undefined
    >();
  });
});

describe("exactly one of policy_id and policy", () => {
  test("DryEvalInput takes one or the other", () => {
    expectTypeOf({ sql: "select 1", policy_id: "pol_1" }).toExtend<DryEvalInput>();
    expectTypeOf({ sql: "select 1", policy: { name: "draft" } }).toExtend<DryEvalInput>();
  });

  test("DryEvalInput refuses both and neither", () => {
    expectTypeOf({ sql: "select 1" }).not.toExtend<DryEvalInput>();
    expectTypeOf({
      sql: "select 1",
      policy_id: "pol_1",
      policy: { name: "draft" },
    }).not.toExtend<DryEvalInput>();
  });

  test("PolicyReplayInput refuses both and neither", () => {
    expectTypeOf({ limit: 10, policy_id: "pol_1" }).toExtend<PolicyReplayInput>();
    expectTypeOf({ limit: 10 }).not.toExtend<PolicyReplayInput>();
    expectTypeOf({ policy_id: "pol_1", policy: { name: "d" } }).not.toExtend<PolicyReplayInput>();
  });
});

describe("operations and paths", () => {
  test("every operationId is present", () => {
    expectTypeOf<keyof operations>().toEqualTypeOf<
      | "createPolicyProfile"
      | "listPolicyProfiles"
      | "getPolicyProfile"
      | "updatePolicyProfile"
      | "deletePolicyProfile"
      | "dryEvalPolicy"
      | "replayPolicy"
      | "recommendAgentPolicy"
      | "createApprovalRule"
      | "listApprovalRules"
      | "getApprovalRule"
      | "updateApprovalRule"
      | "deleteApprovalRule"
    >();
  });

  test("the operation table has exactly one entry per OperationId", () => {
    expectTypeOf<keyof typeof operationTable>().toEqualTypeOf<OperationId>();
    expectTypeOf(operationTable.updateApprovalRule.method).toEqualTypeOf<"PUT">();
    expectTypeOf(operationTable.createApprovalRule.retry).toEqualTypeOf<"with-idempotency-key">();
    // The POSTs that store nothing are marked x-retry-safe in the spec.
    expectTypeOf(operationTable.dryEvalPolicy.retry).toEqualTypeOf<"safe">();
    expectTypeOf(operationTable.deleteApprovalRule.noBody).toEqualTypeOf<readonly [204]>();
    expectTypeOf(operationTable.getApprovalRule.conditional.ifNoneMatch).toEqualTypeOf<true>();
    expectTypeOf(operationTable.updateApprovalRule.bodyDefaults).toEqualTypeOf<{
      readonly enabled: true;
    }>();
    expectTypeOf(operationTable.updateApprovalRule.errorCodes[409]).toEqualTypeOf<
      readonly ["RESOURCE_EXISTS", "INVALID_STATE"]
    >();
    expectTypeOf(operationTable.createApprovalRule.errorCodes[409]).toEqualTypeOf<
      readonly ["RESOURCE_EXISTS", "INVALID_STATE", "IDEMPOTENCY_KEY_REUSED"]
    >();
  });

  test("recommendAgentPolicy takes an optional body and returns a PolicyRecommendation", () => {
    type Operation = operations["recommendAgentPolicy"];
    expectTypeOf<undefined>().toExtend<Operation["requestBody"]>();
    expectTypeOf<
      Operation["responses"][200]["content"]["application/json"]
    >().toEqualTypeOf<PolicyRecommendation>();
    expectTypeOf<Operation["parameters"]["path"]>().toEqualTypeOf<{
      project_id: string;
      agent_id: string;
    }>();
  });

  test("conditional and idempotent requests declare their headers", () => {
    type Header<K extends keyof operations> = NonNullable<operations[K]["parameters"]["header"]>;
    expectTypeOf<Header<"createPolicyProfile">>().toEqualTypeOf<{ "Idempotency-Key"?: string }>();
    expectTypeOf<Header<"getPolicyProfile">>().toEqualTypeOf<{ "If-None-Match"?: string }>();
    expectTypeOf<Header<"listPolicyProfiles">>().toEqualTypeOf<{ "If-None-Match"?: string }>();
    expectTypeOf<Header<"updatePolicyProfile">>().toEqualTypeOf<{ "If-Match"?: string }>();
  });

  test("304 has no body and an ETag; 412 carries the current ETag", () => {
    type Get = operations["getPolicyProfile"]["responses"];
    expectTypeOf<Get[304]["content"]>().toEqualTypeOf<undefined>();
    expectTypeOf<Get[304]["headers"]["ETag"]>().toEqualTypeOf<string>();
    expectTypeOf<Get[200]["headers"]["ETag"]>().toEqualTypeOf<string>();
    type Update = operations["updatePolicyProfile"]["responses"];
    expectTypeOf<Update[412]["headers"]["ETag"]>().toEqualTypeOf<string>();
  });

  test("X-Request-Id may be absent; Retry-After and ETag may not", () => {
    type NotFound = operations["getPolicyProfile"]["responses"][404]["headers"];
    expectTypeOf<NotFound["X-Request-Id"]>().toEqualTypeOf<string | undefined>();
    type Limited = operations["createPolicyProfile"]["responses"][429]["headers"];
    expectTypeOf<Limited["Retry-After"]>().toEqualTypeOf<number>();
  });

  test("error responses are problem documents", () => {
    type NotFound = operations["getPolicyProfile"]["responses"][404]["content"];
    expectTypeOf<NotFound["application/problem+json"]>().toEqualTypeOf<Problem>();
  });

  test("paths carry the operations under their methods", () => {
    expectTypeOf<paths["/v1/projects/{project_id}/policies"]["post"]>().toEqualTypeOf<
      operations["createPolicyProfile"]
    >();
    expectTypeOf<paths["/v1/projects/{project_id}/policies/{policy_id}"]["delete"]>().toEqualTypeOf<
      operations["deletePolicyProfile"]
    >();
  });

  test("list pagination parameters are typed", () => {
    type Query = NonNullable<operations["listPolicyProfiles"]["parameters"]["query"]>;
    expectTypeOf<Query>().toEqualTypeOf<{ page_size?: number; page_token?: string }>();
  });

  test("429 carries an integer Retry-After header", () => {
    type Headers = operations["createPolicyProfile"]["responses"][429]["headers"];
    expectTypeOf<Headers["Retry-After"]>().toEqualTypeOf<number>();
  });
});

describe("Problem and ErrorCode", () => {
  test("type, title, status and code are required", () => {
    expectTypeOf<{
      type: string;
      title: string;
      status: number;
      code: string;
    }>().toExtend<Problem>();
    expectTypeOf<{ title: string; status: number; code: string }>().not.toExtend<Problem>();
    expectTypeOf<Problem["errors"]>().toEqualTypeOf<
      { field: string; detail: string }[] | undefined
    >();
  });

  test("ErrorCode is open; KnownErrorCode names the 24 known codes", () => {
    expectTypeOf<ErrorCode>().toEqualTypeOf<string>();
    expectTypeOf<"RESOURCE_EXISTS">().toExtend<KnownErrorCode>();
    expectTypeOf<"DEMO_TIER_NOT_PURCHASABLE">().toExtend<KnownErrorCode>();
    expectTypeOf<"resource_exists">().not.toExtend<KnownErrorCode>();
  });
});

describe("contract 0.3.x fields", () => {
  test("content scanning settings are optional on the profile", () => {
    expectTypeOf<ContentScanMode>().toEqualTypeOf<"off" | "annotate" | "block">();
    expectTypeOf<PolicyProfile["content_scan_max_bytes"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf({
      name: "scan",
      content_scan_mode: "block",
      content_scan_max_bytes: 0,
    } as const).toExtend<PolicyProfileInput>();
  });

  test("a replay summary always says its traffic scope", () => {
    expectTypeOf<PolicyReplaySummary["traffic_scope"]>().toEqualTypeOf<
      "project" | "bound_credentials"
    >();
    expectTypeOf<PolicyReplaySummary["bound_credentials"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf({ policy_id: "pol_1", bound_policy_id: "pol_2" }).toExtend<PolicyReplayInput>();
  });
});

describe("approval rules", () => {
  test("only name is required on input; output requires kinds and enabled", () => {
    expectTypeOf<{ name: string }>().toExtend<ApprovalRuleInput>();
    expectTypeOf<{ enabled: false }>().not.toExtend<ApprovalRuleInput>();
    expectTypeOf<ApprovalRule["enabled"]>().toEqualTypeOf<boolean>();
    expectTypeOf<ApprovalRule["statement_kinds"]>().toEqualTypeOf<ApprovalRuleStatementKind[]>();
  });

  test("statement kinds are a closed set of four", () => {
    expectTypeOf<ApprovalRuleStatementKind>().toEqualTypeOf<
      "insert" | "update" | "delete" | "ddl"
    >();
  });

  test("scope and threshold are nullable", () => {
    expectTypeOf<null>().toExtend<ApprovalRuleInput["schema_name"]>();
    expectTypeOf<null>().toExtend<ApprovalRuleInput["relation_name"]>();
    expectTypeOf<null>().toExtend<ApprovalRuleInput["min_affected_rows"]>();
    expectTypeOf<null>().toExtend<ApprovalRule["relation_name"]>();
  });
});
