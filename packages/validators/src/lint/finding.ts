/** How much a finding matters: errors break the policy's intent, warnings risk it, infos are notes. */
export type Severity = "error" | "warning" | "info";

/** One observation about a policy profile. */
export interface LintFinding {
  /** Stable identifier of the rule, e.g. `unknown-statement-kind`. */
  readonly code: string;
  readonly severity: Severity;
  /** JSON pointer to the field the finding is about (empty for the profile as a whole). */
  readonly path: string;
  /** What is wrong or worth knowing. */
  readonly message: string;
  /** What to do about it. */
  readonly suggestion: string;
}

/** What `lintPolicyProfile` returns: findings worst first, and how many of each severity. */
export interface LintReport {
  readonly findings: readonly LintFinding[];
  readonly summary: Readonly<Record<Severity, number>>;
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A report of these findings: worst first, and how many of each severity. */
export function lintReport(findings: readonly LintFinding[]): LintReport {
  const sorted = [...findings].sort(
    (a, b) => severityOrder[a.severity] - severityOrder[b.severity],
  );
  const summary = { error: 0, warning: 0, info: 0 };
  for (const { severity } of sorted) summary[severity]++;
  return { findings: sorted, summary };
}
