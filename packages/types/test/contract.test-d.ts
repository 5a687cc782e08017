import { describe, expectTypeOf, test } from "vitest";
import type {
  AccessMode,
  DryEvalInput,
  KnownStatementKind,
  operations,
  PolicyProfile,
  PolicyProfileInput,
  PolicyReplayInput,
  paths,
  StatementKind,
} from "../src/index.js";

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
    >();
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
