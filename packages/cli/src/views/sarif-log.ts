import { lintRuleCatalogue, type Severity } from "@pgbeam/policies-validators";
import { inputRules } from "../profiles/input-rules.js";
import type { LocatedFinding } from "../profiles/lint-files.js";
import type { Located } from "../profiles/policy-files.js";

/** What SARIF needs to know of a rule (input checks and lint rules alike). */
interface SarifRule {
  id: string;
  severity: Severity;
  description: string;
  help: string;
}

/**
 * The findings and the files' problems as a SARIF 2.1.0 log, which GitHub code scanning shows on
 * the pull request: an invalid file is a result too (an error under its input rule), so a run
 * that fails on one says why. `rules` describes each rule a result names.
 */
export function sarif(
  findings: readonly LocatedFinding[],
  problems: readonly Located[],
  version: string,
): unknown {
  const level: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };
  const known = new Map<string, SarifRule>(
    [...inputRules, ...lintRuleCatalogue].map((rule) => [rule.id, rule]),
  );
  const named = new Set([...problems.map((p) => p.rule), ...findings.map((f) => f.code)]);
  const rules = [...named].sort().map((id) => {
    const rule: SarifRule = known.get(id) ?? { id, description: id, help: "", severity: "error" };
    return {
      id,
      shortDescription: { text: rule.description },
      help: { text: rule.help },
      defaultConfiguration: { level: level[rule.severity] },
    };
  });
  const location = (place: Located) => ({
    physicalLocation: {
      artifactLocation: { uri: place.file.split("\\").join("/") },
      ...(place.line === undefined
        ? {}
        : { region: { startLine: place.line, startColumn: place.col ?? 1 } }),
    },
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "pgbeam-policies", version, informationUri: "https://pgbeam.com", rules },
        },
        results: [
          ...problems.map((p) => ({
            ruleId: p.rule,
            level: "error",
            message: { text: p.message },
            locations: [location(p)],
          })),
          ...findings.map((f) => ({
            ruleId: f.code,
            level: level[f.severity],
            message: { text: `${f.message} ${f.suggestion}` },
            locations: [location(f)],
          })),
        ],
      },
    ],
  };
}
