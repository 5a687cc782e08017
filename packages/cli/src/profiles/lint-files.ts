import {
  type LintFinding,
  lintPolicyProfile,
  type Severity,
  severityOrder,
} from "@pgbeam/policies-validators";
import type { Checked } from "./check-files.js";
import type { Located } from "./policy-files.js";
import { positionOf } from "./policy-files.js";

/** A linter finding at its place in a file. */
export interface LocatedFinding extends Located {
  code: string;
  severity: Severity;
  suggestion: string;
}

/** The linter's findings for every valid profile, with source positions. */
export function lintFiles(checked: Checked): LocatedFinding[] {
  return [...checked.profiles.values()].flatMap(({ file, input }) =>
    lintPolicyProfile(input).findings.map((finding: LintFinding) => ({
      file: file.shownPath,
      ...positionOf(file, finding.path),
      message: finding.message,
      code: finding.code,
      rule: finding.code,
      severity: finding.severity,
      suggestion: finding.suggestion,
    })),
  );
}

/** True when a finding is above the highest severity the run tolerates. */
export function exceeds(finding: { severity: Severity }, maxSeverity: Severity): boolean {
  return severityOrder.indexOf(finding.severity) < severityOrder.indexOf(maxSeverity);
}
