import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { approvalRuleStatementKinds } from "../../generated/spec-facts.gen.js";
import { approvalRuleNamesKind } from "../../policy/approval-rule-matching.js";
import { holdsForApproval, statementChangeOfKind } from "../../policy/approvals.js";
import { effectiveProfile } from "../../policy/effective-profile.js";
import type { ApprovalRuleLint } from "./approval-rule-lint.js";

/** True when the profile's `approval_mode` already holds every statement kind the rule names. */
function modeHoldsAll(profile: PolicyProfileInput, kinds: readonly string[]): boolean {
  const settings = effectiveProfile(profile);
  return kinds.every((kind) => {
    const change = statementChangeOfKind(kind);
    return change !== undefined && holdsForApproval(settings, change);
  });
}

/**
 * A rule only adds holds. When `approval_mode` of every profile it is checked against already
 * holds each kind the rule names, the rule changes nothing for the agents of those profiles.
 */
export const heldByApprovalMode: ApprovalRuleLint = (rule, { profiles }) => {
  if (rule.enabled === false || profiles.length === 0) return [];
  const kinds = approvalRuleStatementKinds.filter((kind) => approvalRuleNamesKind(rule, kind));
  if (!profiles.every((profile) => modeHoldsAll(profile, kinds))) return [];
  const names = profiles.map(
    (profile) => `${profile.name} (approval_mode ${effectiveProfile(profile).approval_mode})`,
  );
  return [
    {
      code: "approval-rule-held-by-approval-mode",
      severity: "info",
      path: "/statement_kinds",
      message: `The rule adds no hold: ${names.join(", ")} already hold${profiles.length === 1 ? "s" : ""} every ${kinds.join(", ")} statement, whatever its relation or row count.`,
      suggestion:
        "Delete the rule, or lower approval_mode and let the rule hold the statements that need a human.",
    },
  ];
};
