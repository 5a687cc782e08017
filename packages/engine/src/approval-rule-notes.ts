import type { ApprovalRule, ApprovalRuleInput, DryEvalResult } from "@pgbeam/policies-types";
import { approvalRulesHolding } from "@pgbeam/policies-validators/policy";
import { type StatementFacts, statementFacts } from "./facts.js";
import { parseSql } from "./parser.js";

/** Options of `evaluate`: what the service's dry-eval does not take. */
export interface EvaluateOptions {
  /**
   * The project's approval rules (inputs or as the API returns them). A rule that would hold
   * the statement is reported as a note; the verdict never changes, as upstream dry-eval ignores
   * rules and a rule only adds a human hold.
   */
  approvalRules?: readonly (ApprovalRuleInput | ApprovalRule)[];
}

/** The kinds approval rules name; any other kind no rule holds. */
const ruleKinds: ReadonlySet<string> = new Set(["insert", "update", "delete", "ddl"]);

/** The note for one rule that would hold the statement. */
function ruleNote(rule: ApprovalRuleInput | ApprovalRule, rowCounted: boolean): string {
  const minimum = rule.min_affected_rows;
  const when =
    rowCounted && typeof minimum === "number" ? ` if it affects at least ${minimum} rows` : "";
  return `approval rule ${JSON.stringify(rule.name)} would hold the statement for a human approval${when} (PgBeam's dry-eval does not report approval rules).`;
}

/**
 * The statement as rules see it: the kinds it writes as (its own and those of the writes it runs
 * inside) and the relations it writes; a batch, DDL and a data-modifying CTE report no row count.
 */
function ruleStatements(facts: readonly StatementFacts[]) {
  const batch = facts.length > 1;
  return facts.flatMap((fact) => {
    const relations = fact.relations.filter((r) => r.mode === "write").map((r) => r.name);
    const kinds = [...new Set(fact.kinds)].filter((kind) => ruleKinds.has(kind));
    const rowCounted =
      !batch && kinds.length === 1 && fact.kind !== "ddl" && fact.kind === kinds[0];
    return kinds.map((kind) => ({ kind, relations, affectedRows: undefined, rowCounted }));
  });
}

/**
 * `result` with a note for each enabled approval rule that would hold the SQL, using the
 * validators' rule matching (the one definition). Offline there is no row count: a rule with
 * `min_affected_rows` on a row-counted statement is reported with its threshold; a blocked
 * statement never reaches approval, so it gets no rule notes. The verdict is never changed.
 */
export function withApprovalRuleNotes(
  result: DryEvalResult,
  sql: string,
  options: EvaluateOptions | undefined,
): DryEvalResult {
  const rules = options?.approvalRules ?? [];
  if (rules.length === 0 || result.verdict === "block") return result;
  const parsed = parseSql(sql);
  if (!parsed.ok) return result;
  const held = new Map<ApprovalRuleInput | ApprovalRule, boolean>();
  for (const statement of ruleStatements(parsed.statements.map(statementFacts)))
    for (const rule of approvalRulesHolding(rules, statement))
      held.set(rule, (held.get(rule) ?? true) && statement.rowCounted);
  if (held.size === 0) return result;
  const notes = [...held].map(([rule, rowCounted]) => ruleNote(rule, rowCounted));
  return { ...result, notes: [...(result.notes ?? []), ...notes] };
}
