import { type LintFinding, lintApprovalRule } from "@pgbeam/policies-validators";
import type { Checked } from "../profiles/check-files.js";
import type { LocatedFinding } from "../profiles/lint-files.js";
import { positionOf } from "../profiles/policy-files.js";
import type { CheckedRules } from "./check-rule-files.js";

/**
 * The linter's findings for every valid rule, with source positions. The valid profiles of the
 * folder are passed along, so a rule that their `approval_mode` already holds is reported.
 */
export function lintRuleFiles(rules: CheckedRules, profiles: Checked): LocatedFinding[] {
  const inputs = [...profiles.profiles.values()].map(({ input }) => input);
  return [...rules.rules.values()].flatMap(({ file, input }) =>
    lintApprovalRule(input, inputs.length === 0 ? {} : { profiles: inputs }).findings.map(
      (finding: LintFinding) => ({
        file: file.shownPath,
        ...positionOf(file, finding.path),
        message: finding.message,
        code: finding.code,
        rule: finding.code,
        severity: finding.severity,
        suggestion: finding.suggestion,
      }),
    ),
  );
}
