import { approvalRuleNamesKind } from "../../policy/approval-rule-matching.js";
import type { ApprovalRuleLint } from "./approval-rule-lint.js";

/**
 * DDL reports no affected-row count, and a statement without a count is held whatever the
 * threshold: `min_affected_rows` on a rule that names `ddl` (or every kind) does not spare DDL.
 */
export const minRowsOnDdl: ApprovalRuleLint = (rule) => {
  const minimum = rule.min_affected_rows;
  if (minimum === undefined || minimum === null || !approvalRuleNamesKind(rule, "ddl")) return [];
  const onlyDdl = rule.statement_kinds?.length === 1;
  return [
    {
      code: "approval-rule-min-rows-on-ddl",
      severity: onlyDdl ? "warning" : "info",
      path: "/min_affected_rows",
      message: onlyDdl
        ? `min_affected_rows ${minimum} has no effect: DDL reports no row count, so the rule holds every DDL statement.`
        : `The rule ${(rule.statement_kinds ?? []).length === 0 ? "names every kind, so it names ddl" : "names ddl"}: DDL reports no row count and is held whatever min_affected_rows (${minimum}) says.`,
      suggestion: onlyDdl
        ? "Remove min_affected_rows, or name the write kinds the threshold is meant for."
        : "Put ddl in a rule of its own, or list only insert, update and delete if DDL should not wait.",
    },
  ];
};
