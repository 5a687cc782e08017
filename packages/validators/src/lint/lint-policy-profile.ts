import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { effectiveProfile } from "../policy/effective-profile.js";
import { type LintReport, lintReport } from "./finding.js";
import { rules } from "./rules.js";

/**
 * Checks a profile (or input) for settings that contradict each other, do nothing, or leave the
 * agent unbounded. Looks only at the profile; validate it against the schema first.
 */
export function lintPolicyProfile(profile: PolicyProfileInput): LintReport {
  const effective = effectiveProfile(profile);
  const view = {
    ...effective,
    allow: effective.statement_rules?.allow ?? [],
    deny: effective.statement_rules?.deny ?? [],
    allowlist: effective.table_allowlist,
    denylist: effective.table_denylist,
    masks: effective.masking_rules,
    filters: effective.row_filters ?? [],
  };
  return lintReport(rules.flatMap((rule) => rule(view)));
}
