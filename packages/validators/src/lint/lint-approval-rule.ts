import type { ApprovalRule, ApprovalRuleInput, PolicyProfileInput } from "@pgbeam/policies-types";
import type { ApprovalRuleLint } from "./approval-rules/approval-rule-lint.js";
import { bareRelationEverySchema } from "./approval-rules/bare-relation-every-schema.js";
import { heldByApprovalMode } from "./approval-rules/held-by-approval-mode.js";
import { minRowsOnDdl } from "./approval-rules/min-rows-on-ddl.js";
import { type LintReport, lintReport } from "./finding.js";

/** Options of `lintApprovalRule`. */
export interface LintApprovalRuleOptions {
  /**
   * The profiles the project's agents run under. A rule applies across its project, so it is
   * redundant only when every one of them already holds what it names; none given, not checked.
   */
  profiles?: readonly PolicyProfileInput[];
}

const lints: readonly ApprovalRuleLint[] = [
  bareRelationEverySchema,
  minRowsOnDdl,
  heldByApprovalMode,
];

/**
 * Checks an approval rule (input or saved) for what its fields do that a reader may not expect:
 * a bare `relation_name` that holds the name in every schema, `min_affected_rows` on DDL (always
 * held), and a rule that the profiles' `approval_mode` makes redundant. Validate it first.
 */
export function lintApprovalRule(
  rule: ApprovalRuleInput | ApprovalRule,
  options: LintApprovalRuleOptions = {},
): LintReport {
  const context = { profiles: options.profiles ?? [] };
  return lintReport(lints.flatMap((lint) => lint(rule, context)));
}
