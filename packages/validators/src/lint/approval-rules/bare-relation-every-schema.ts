import { approvalRuleScope } from "../../policy/approval-rule-matching.js";
import type { ApprovalRuleLint } from "./approval-rule-lint.js";

/**
 * A `relation_name` without `schema_name` matches that name in every schema, the opposite of a
 * bare `table_allowlist` entry (which stands for `public` only): a reader of the profile's lists
 * expects the rule to hold `public.payments` alone, and it also holds `billing.payments`.
 */
export const bareRelationEverySchema: ApprovalRuleLint = (rule) => {
  const scope = approvalRuleScope(rule);
  if (scope.relation === undefined || scope.schema !== undefined) return [];
  return [
    {
      code: "approval-rule-relation-every-schema",
      severity: "warning",
      path: "/relation_name",
      message: `relation_name "${rule.relation_name}" has no schema_name, so the rule holds ${scope.relation} in every schema (public.${scope.relation}, any_schema.${scope.relation}, …), unlike a bare table_allowlist entry, which means public only.`,
      suggestion: `Set schema_name (e.g. "public") to hold one relation; keep it empty only if every schema's ${scope.relation} should wait for approval.`,
    },
  ];
};
