import { createHash } from "node:crypto";
import type { ApprovalRule, ApprovalRuleInput } from "@pgbeam/policies-types";
import { operationTable } from "@pgbeam/policies-types";
import { approvalRuleStatementKinds } from "@pgbeam/policies-validators";

/** The fields of an approval rule's body, in the spec's order (the order files are formatted in). */
export const approvalRuleFields: readonly string[] = operationTable.updateApprovalRule.bodyFields;

/** One field that differs between the remote rule and the file. */
export interface RuleFieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

const blankToNull = (value: string | null | undefined) =>
  value === undefined || value === null || value === "" ? null : value;

/**
 * The full body a PUT must carry for `rule` to mean what it says: a PUT is a full replace, so a
 * field left out takes its input meaning (`enabled` back to true, a scope back to "all"). Every
 * field is written out: `[]` for every kind, `null` for no scope or no threshold.
 */
export function fullRuleInput(rule: ApprovalRuleInput | ApprovalRule): ApprovalRuleInput {
  return {
    name: rule.name,
    statement_kinds: [...(rule.statement_kinds ?? [])],
    schema_name: blankToNull(rule.schema_name),
    relation_name: blankToNull(rule.relation_name),
    min_affected_rows: rule.min_affected_rows ?? null,
    enabled: rule.enabled ?? true,
  };
}

/** The kinds a rule names, as a sorted set; every kind listed means the same as `[]`. */
function kindsMeaning(kinds: readonly string[]): string[] {
  const unique = [...new Set(kinds)].sort();
  return approvalRuleStatementKinds.every((kind) => unique.includes(kind)) ? [] : unique;
}

/** A rule's fields in a form where meaning alone decides equality. */
function meaning(rule: ApprovalRuleInput | ApprovalRule): Record<string, unknown> {
  const full = fullRuleInput(rule);
  return { ...full, statement_kinds: kindsMeaning(full.statement_kinds ?? []) };
}

/** The fields in which two rules differ in meaning (`[]` and all four kinds, `""` and null agree). */
export function ruleFieldChanges(
  have: ApprovalRuleInput | ApprovalRule,
  want: ApprovalRuleInput | ApprovalRule,
): RuleFieldChange[] {
  const from = meaning(have);
  const to = meaning(want);
  return approvalRuleFields
    .filter((field) => JSON.stringify(from[field]) !== JSON.stringify(to[field]))
    .map((field) => ({ field, from: from[field], to: to[field] }));
}

/** A digest of what a rule means: equal digests, equal meaning. */
export function ruleDigest(rule: ApprovalRuleInput | ApprovalRule): string {
  return createHash("sha256")
    .update(JSON.stringify(meaning(rule)))
    .digest("hex");
}

/** The rule as a file holds it: no id, project or timestamps, no name (the file name is the name). */
export function ruleFileFields(rule: ApprovalRule): Record<string, unknown> {
  const full = fullRuleInput(rule) as Record<string, unknown>;
  return Object.fromEntries(
    approvalRuleFields.filter((field) => field !== "name").map((field) => [field, full[field]]),
  );
}
