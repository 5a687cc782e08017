import type { ApprovalRuleInput } from "@pgbeam/policies-types";
import { describe, expect, test } from "vitest";
import {
  approvalRuleStatementKinds,
  lintApprovalRule,
  validateApprovalRuleInput,
} from "../src/index.js";
import { approvalRuleHolds, approvalRulesHolding } from "../src/policy/index.js";

const del = (relations: string[], affectedRows?: number) => ({
  kind: "delete",
  relations,
  affectedRows,
});

describe("approval rule matching", () => {
  test("a bare relation_name matches the name in every schema; a qualified one in its schema", () => {
    const bare = { relation_name: "payments" };
    expect(approvalRuleHolds(bare, del(["payments"], 1))).toBe(true);
    expect(approvalRuleHolds(bare, del(["billing.payments"], 1))).toBe(true);
    expect(approvalRuleHolds(bare, del(["public.orders"], 1))).toBe(false);
    const qualified = { schema_name: "billing", relation_name: "Payments" };
    expect(approvalRuleHolds(qualified, del(["BILLING.payments"], 1))).toBe(true);
    expect(approvalRuleHolds(qualified, del(["payments"], 1))).toBe(false);
    const schemaOnly = { schema_name: "public" };
    expect(approvalRuleHolds(schemaOnly, del(["orders"], 1))).toBe(true);
    expect(approvalRuleHolds(schemaOnly, del(["audit.orders"], 1))).toBe(false);
  });

  test("null, empty and absent scope fields mean any; empty kinds mean all four", () => {
    for (const rule of [{}, { schema_name: null, relation_name: "" }, { statement_kinds: [] }])
      expect(approvalRuleHolds(rule, { kind: "ddl", relations: [], affectedRows: undefined })).toBe(
        true,
      );
    expect(approvalRuleHolds({ statement_kinds: ["insert"] }, del(["t"], 1))).toBe(false);
  });

  test("min_affected_rows is a lower bound, and a statement with no row count is always held", () => {
    const rule = { statement_kinds: ["delete", "ddl"], min_affected_rows: 100 };
    expect(approvalRuleHolds(rule, del(["t"], 99))).toBe(false);
    expect(approvalRuleHolds(rule, del(["t"], 100))).toBe(true);
    expect(
      approvalRuleHolds(rule, { kind: "ddl", relations: ["t"], affectedRows: undefined }),
    ).toBe(true);
    expect(approvalRuleHolds({ min_affected_rows: null }, del(["t"], 0))).toBe(true);
  });

  test("a disabled rule matches nothing; approvalRulesHolding keeps the matching rules in order", () => {
    const rules = [{ name: "a", enabled: false }, { name: "b", relation_name: "t" }, { name: "c" }];
    expect(approvalRulesHolding(rules, del(["t"], 1)).map((r) => r.name)).toEqual(["b", "c"]);
  });
});

describe("lintApprovalRule", () => {
  const codes = (...args: Parameters<typeof lintApprovalRule>) =>
    lintApprovalRule(...args).findings.map((f) => f.code);

  test("a bare relation_name warns that it holds the name in every schema", () => {
    const [finding] = lintApprovalRule({ name: "r", relation_name: "payments" }).findings;
    expect(finding).toMatchObject({
      code: "approval-rule-relation-every-schema",
      severity: "warning",
      path: "/relation_name",
    });
    expect(finding?.message).toContain("every schema");
    expect(codes({ name: "r", schema_name: "public", relation_name: "payments" })).toEqual([]);
  });

  test("min_affected_rows on DDL: a warning when the rule is DDL only, a note when DDL is among all kinds", () => {
    expect(
      lintApprovalRule({ name: "r", statement_kinds: ["ddl"], min_affected_rows: 5 }).findings[0],
    ).toMatchObject({ code: "approval-rule-min-rows-on-ddl", severity: "warning" });
    expect(lintApprovalRule({ name: "r", min_affected_rows: 5 }).findings[0]).toMatchObject({
      code: "approval-rule-min-rows-on-ddl",
      severity: "info",
    });
    expect(codes({ name: "r", statement_kinds: ["delete"], min_affected_rows: 5 })).toEqual([]);
  });

  test("a rule whose kinds approval_mode already holds, in every profile given, is redundant", () => {
    const rule: ApprovalRuleInput = {
      name: "r",
      statement_kinds: ["update", "delete"],
      schema_name: "public",
    };
    const writes = { name: "w", access_mode: "read_write", approval_mode: "writes" } as const;
    const ddl = { name: "d", access_mode: "read_write", approval_mode: "ddl" } as const;
    expect(codes(rule, { profiles: [writes] })).toEqual(["approval-rule-held-by-approval-mode"]);
    expect(codes(rule, { profiles: [writes, ddl] })).toEqual([]);
    expect(codes({ name: "all" }, { profiles: [writes] })).toEqual([]);
    expect(codes(rule)).toEqual([]);
    expect(codes({ ...rule, enabled: false }, { profiles: [writes] })).toEqual([]);
  });
});

describe("approval-rule validators", () => {
  test("min_affected_rows is an int32 of at least 1; statement kinds are a closed set of four", () => {
    const zero = validateApprovalRuleInput({ name: "r", min_affected_rows: 0 });
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.issues[0]?.message).toMatch(/^min_affected_rows must be at least 1/);
    const huge = validateApprovalRuleInput({ name: "r", min_affected_rows: 2 ** 31 });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.issues[0]?.message).toContain("a 32-bit whole number");
    expect(validateApprovalRuleInput({ name: "r", min_affected_rows: null }).ok).toBe(true);
    const select = validateApprovalRuleInput({ name: "r", statement_kinds: ["select"] });
    expect(select.ok).toBe(false);
    expect(approvalRuleStatementKinds).toEqual(["insert", "update", "delete", "ddl"]);
  });
});
