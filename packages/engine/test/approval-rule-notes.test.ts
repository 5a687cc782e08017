// evaluate(sql, policy, { approvalRules }): a rule that would hold the statement is a note, never a verdict.
import type { ApprovalRuleInput, PolicyProfileInput } from "@pgbeam/policies-types";
import { beforeAll, describe, expect, test } from "vitest";
import { createEngine, type PolicyEngine } from "../src/index.js";

let engine: PolicyEngine;
beforeAll(async () => {
  engine = await createEngine();
});

const writer: PolicyProfileInput = {
  name: "writer",
  access_mode: "read_write",
  approval_mode: "off",
};
const rules: ApprovalRuleInput[] = [
  { name: "billing-payments", statement_kinds: ["update", "delete"], relation_name: "payments" },
  { name: "bulk-deletes", statement_kinds: ["delete"], min_affected_rows: 100 },
  { name: "schema-changes", statement_kinds: ["ddl"], min_affected_rows: 5 },
  { name: "off", enabled: false },
];
const ruleNotes = (notes: readonly string[] | undefined) =>
  (notes ?? []).filter((note) => note.startsWith("approval rule "));

describe("approval rules in evaluate", () => {
  test("a bare relation_name holds the name in every schema; the verdict does not change", () => {
    const plain = engine.evaluate("UPDATE billing.payments SET paid = true WHERE id = 1", writer);
    const noted = engine.evaluate("UPDATE billing.payments SET paid = true WHERE id = 1", writer, {
      approvalRules: rules,
    });
    expect({ ...noted, notes: undefined }).toEqual({ ...plain, notes: undefined });
    expect(ruleNotes(noted.notes)).toEqual([
      'approval rule "billing-payments" would hold the statement for a human approval (PgBeam\'s dry-eval does not report approval rules).',
    ]);
  });

  test("a threshold is stated for a row-counted write; DDL is held whatever the threshold", () => {
    const deleted = engine.evaluate("DELETE FROM orders WHERE id < 10", writer, {
      approvalRules: rules,
    });
    expect(ruleNotes(deleted.notes)).toEqual([
      'approval rule "bulk-deletes" would hold the statement for a human approval if it affects at least 100 rows (PgBeam\'s dry-eval does not report approval rules).',
    ]);
    const ddl = engine.evaluate("ALTER TABLE orders ADD COLUMN note text", writer, {
      approvalRules: rules,
    });
    expect(ruleNotes(ddl.notes)).toEqual([
      'approval rule "schema-changes" would hold the statement for a human approval (PgBeam\'s dry-eval does not report approval rules).',
    ]);
  });

  test("reads, disabled rules and blocked statements get no rule notes", () => {
    expect(
      ruleNotes(engine.evaluate("SELECT * FROM payments", writer, { approvalRules: rules }).notes),
    ).toEqual([]);
    const readOnly: PolicyProfileInput = { name: "reader", access_mode: "read_only" };
    const blocked = engine.evaluate("DELETE FROM payments", readOnly, { approvalRules: rules });
    expect(blocked.verdict).toBe("block");
    expect(ruleNotes(blocked.notes)).toEqual([]);
    expect(engine.evaluate("SELECT 1", writer, { approvalRules: [] })).toEqual(
      engine.evaluate("SELECT 1", writer),
    );
  });
});
