import type { Checked } from "../profiles/check-files.js";
import { inLineOrder } from "../profiles/check-files.js";
import type { LocatedFinding } from "../profiles/lint-files.js";
import type { Located } from "../profiles/policy-files.js";
import { checkRuleFiles } from "./check-rule-files.js";
import { lintRuleFiles } from "./lint-rule-files.js";
import { approvalRuleFiles } from "./rule-files.js";

/**
 * What `lint` reports once the approval-rule files are read too: the problems of profiles and
 * rules together, and the profiles' findings followed by the rules' (linted against the valid
 * profiles, so a rule their `approval_mode` already holds is found).
 */
export function lintedRules(
  dir: string,
  cwd: string,
  profiles: Checked,
  profileFindings: LocatedFinding[],
): { problems: Located[]; findings: LocatedFinding[] } {
  const rules = checkRuleFiles(approvalRuleFiles(dir, cwd));
  return {
    problems: inLineOrder([...profiles.problems, ...rules.problems]),
    findings: [...profileFindings, ...lintRuleFiles(rules, profiles)],
  };
}
