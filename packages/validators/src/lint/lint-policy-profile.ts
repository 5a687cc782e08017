import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { effectiveProfile } from "../policy/effective-profile.js";
import type { LintReport, Severity } from "./finding.js";
import { rules } from "./rules.js";

const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

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
  const findings = rules
    .flatMap((rule) => rule(view))
    .sort((a, b) => order[a.severity] - order[b.severity]);
  const summary = { error: 0, warning: 0, info: 0 };
  for (const { severity } of findings) summary[severity]++;
  return { findings, summary };
}
