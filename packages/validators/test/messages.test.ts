import { exampleOf } from "@pgbeam/spec-testing";
import { describe, expect, test } from "vitest";
import {
  assertPolicyProfileInput,
  ValidationError,
  type ValidationResult,
  validateDryEvalInput,
  validateGetPolicyProfilePathParams,
  validateListPolicyProfilesQueryParams,
  validatePolicyProfile,
  validatePolicyProfileInput,
  validatePolicyReplayInput,
} from "../src/index.js";

function issuesOf(result: ValidationResult<unknown>): Array<[string, string]> {
  return result.ok ? [] : result.issues.map((issue) => [issue.path, issue.message]);
}

describe("messages name the field, say what is wrong and what is allowed", () => {
  test("every issue of a profile input is reported, not only the first", () => {
    const result = validatePolicyProfileInput({
      name: "",
      access_mode: "read_mostly",
      masking_rules: [{ table: "users", column: "email", kind: "blur" }, { table: "users" }],
      max_rows: -1,
      budget_queries_per_day: 2.5,
      statement_rules: { allow: [42] },
      table_allowlist: "users",
    });
    expect(issuesOf(result)).toEqual([
      ["/name", 'name must be at least 1 character long (got "")'],
      ["/access_mode", 'access_mode must be one of "read_only", "read_write" (got "read_mostly")'],
      ["/statement_rules/allow/0", "statement_rules.allow[0] must be a string (got 42)"],
      ["/table_allowlist", 'table_allowlist must be an array (got "users")'],
      [
        "/masking_rules/0/kind",
        'masking_rules[0].kind must be one of "redact", "null", "hash" (got "blur")',
      ],
      ["/masking_rules/1/column", "masking_rules[1].column is required"],
      ["/masking_rules/1/kind", "masking_rules[1].kind is required"],
      ["/budget_queries_per_day", "budget_queries_per_day must be an integer (got 2.5)"],
      ["/max_rows", "max_rows must be at least 0 (got -1)"],
    ]);
  });

  test("a missing name, a 129-character name, and a non-object", () => {
    expect(issuesOf(validatePolicyProfileInput({}))).toEqual([["/name", "name is required"]]);
    expect(issuesOf(validatePolicyProfileInput({ name: "n".repeat(129) }))[0]?.[1]).toMatch(
      /^name must be at most 128 characters long \(got "n{40}…" \(129 characters\)\)$/,
    );
    expect(issuesOf(validatePolicyProfileInput(null))).toEqual([
      ["", "PolicyProfileInput must be an object (got null)"],
    ]);
  });

  test("standard keys locate the issue for Standard Schema consumers", () => {
    const result = validatePolicyProfileInput({
      name: "x",
      masking_rules: [{ table: "t", column: "c", kind: "blur" }],
    });
    expect(result.ok ? [] : result.issues.map((i) => [i.keys, i.keyword])).toEqual([
      [["masking_rules", 0, "kind"], "enum"],
    ]);
  });

  test("formats: date-time and int64", () => {
    const profile = {
      ...exampleOf("PolicyProfile"),
      created_at: "last tuesday",
      egress_bytes_per_day: 1.5,
    };
    expect(issuesOf(validatePolicyProfile(profile))).toEqual([
      ["/egress_bytes_per_day", "egress_bytes_per_day must be an integer (got 1.5)"],
      [
        "/created_at",
        'created_at must be an RFC 3339 date-time such as 2026-11-25T10:00:00Z (got "last tuesday")',
      ],
    ]);
  });

  test("parameters: pattern and range", () => {
    expect(
      issuesOf(validateGetPolicyProfilePathParams({ project_id: "prj 1", policy_id: "pol_1" })),
    ).toEqual([["/project_id", 'project_id must match ^[a-zA-Z0-9_.-]+$ (got "prj 1")']]);
    expect(issuesOf(validateListPolicyProfilesQueryParams({ page_size: 101 }))).toEqual([
      ["/page_size", "page_size must be at most 100 (got 101)"],
    ]);
  });
});

describe("exactly one of policy_id and policy", () => {
  test.each([
    ["neither", { sql: "select 1" }, "give exactly one of policy_id or policy (got neither)"],
    [
      "both",
      { sql: "select 1", policy_id: "pol_1", policy: { name: "d" } },
      "give exactly one of policy_id or policy (got policy_id and policy)",
    ],
  ])("DryEvalInput with %s is one clear issue", (_, value, message) => {
    expect(issuesOf(validateDryEvalInput(value))).toEqual([["", message]]);
  });

  test("PolicyReplayInput with neither", () => {
    expect(issuesOf(validatePolicyReplayInput({ limit: 10 }))).toEqual([
      ["", "give exactly one of policy_id or policy (got neither)"],
    ]);
  });

  test("with exactly one given, only that one's own problems are reported", () => {
    expect(issuesOf(validateDryEvalInput({ sql: "", policy: { name: "" } }))).toEqual([
      ["/policy/name", 'policy.name must be at least 1 character long (got "")'],
      ["/sql", 'sql must be at least 1 character long (got "")'],
    ]);
    expect(issuesOf(validateDryEvalInput({ sql: "x", policy_id: 7 }))).toEqual([
      ["/policy_id", "policy_id must be a string (got 7)"],
    ]);
    expect(issuesOf(validatePolicyReplayInput({ policy_id: "pol_1", limit: 0 }))).toEqual([
      ["/limit", "limit must be at least 1 (got 0)"],
    ]);
  });
});

describe("at most one of credential_id and bound_policy_id (upstream prose, enforced by the schema)", () => {
  test("both are refused with a message naming the pair", () => {
    const result = validatePolicyReplayInput({
      policy_id: "pol_1",
      credential_id: "agt_1",
      bound_policy_id: "pol_2",
    });
    expect(issuesOf(result)).toEqual([
      ["", "give at most one of credential_id and bound_policy_id (got both)"],
    ]);
  });

  test("either alone is fine", () => {
    expect(validatePolicyReplayInput({ policy_id: "pol_1", credential_id: "agt_1" }).ok).toBe(true);
    expect(validatePolicyReplayInput({ policy_id: "pol_1", bound_policy_id: "pol_1" }).ok).toBe(
      true,
    );
  });
});

describe("assert", () => {
  test("returns the value typed when valid", () => {
    const input = { name: "ok" };
    expect(assertPolicyProfileInput(input)).toBe(input);
  });

  test("throws a ValidationError that lists every issue", () => {
    const error = (() => {
      try {
        assertPolicyProfileInput({ name: 1, max_rows: -1 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toHaveLength(2);
    expect((error as Error).message).toBe(
      "PolicyProfileInput is invalid (2 issues):\n  - name must be a string (got 1)\n  - max_rows must be at least 0 (got -1)",
    );
  });
});
