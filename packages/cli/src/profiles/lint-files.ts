import { type LintFinding, lintPolicyProfile, type Severity } from "@pgbeam/policies-validators";
import type { Checked } from "./check-files.js";
import type { Located } from "./policy-files.js";
import { positionOf } from "./policy-files.js";

/** A linter finding at its place in a file. */
export interface LocatedFinding extends Located {
  code: string;
  severity: Severity;
  suggestion: string;
}

const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The linter's findings for every valid profile, with source positions. */
export function lintFiles(checked: Checked): LocatedFinding[] {
  return [...checked.profiles.values()].flatMap(({ file, input }) =>
    lintPolicyProfile(input).findings.map((finding: LintFinding) => ({
      file: file.shownPath,
      ...positionOf(file, finding.path),
      message: finding.message,
      code: finding.code,
      severity: finding.severity,
      suggestion: finding.suggestion,
    })),
  );
}

/** True when a finding is above the highest severity the run tolerates. */
export function exceeds(finding: { severity: Severity }, maxSeverity: Severity): boolean {
  return rank[finding.severity] > rank[maxSeverity];
}

/** The findings as a SARIF 2.1.0 log, which GitHub code scanning shows on the pull request. */
export function sarif(findings: readonly LocatedFinding[], version: string): unknown {
  const level: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };
  const rules = [...new Map(findings.map((f) => [f.code, f])).values()].map((f) => ({
    id: f.code,
    shortDescription: { text: f.code.replaceAll("-", " ") },
    help: { text: f.suggestion },
  }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "pgbeam-policies", version, informationUri: "https://pgbeam.com", rules },
        },
        results: findings.map((f) => ({
          ruleId: f.code,
          level: level[f.severity],
          message: { text: `${f.message} ${f.suggestion}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split("\\").join("/") },
                region: { startLine: f.line, startColumn: f.col },
              },
            },
          ],
        })),
      },
    ],
  };
}
