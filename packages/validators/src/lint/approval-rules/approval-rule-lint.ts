import type { PolicyProfileInput } from "@pgbeam/policies-types";
import type { ApprovalRuleConditions } from "../../policy/approval-rule-matching.js";
import type { LintFinding } from "../finding.js";

/** What an approval-rule lint knows besides the rule: the profiles its statements run under. */
export interface ApprovalRuleLintContext {
  profiles: readonly PolicyProfileInput[];
}

/** One lint rule about an approval rule: its findings (none when it does not fire). */
export type ApprovalRuleLint = (
  rule: ApprovalRuleConditions,
  context: ApprovalRuleLintContext,
) => LintFinding[];
