import type { ApprovalRule, PolicyClient } from "@pgbeam/policies-client";
import { inLineOrder } from "../profiles/check-files.js";
import type { Located } from "../profiles/policy-files.js";
import { checkRuleFiles } from "./check-rule-files.js";
import { recordRuleETags, remoteRules } from "./remote-rules.js";
import { approvalRuleFiles } from "./rule-files.js";
import { planRules, type RulePlan } from "./rule-plan.js";

/**
 * The approval-rule side of `plan`: the rule files checked (their problems added to the
 * profiles'), and `against`, which plans them against the project's rules and records the ETag of
 * each rule to update (a rule that changes meanwhile stops the plan, as a profile does).
 */
export function plannedRules(
  dir: string,
  cwd: string,
  profileProblems: readonly Located[],
): {
  problems: Located[];
  against: (
    pgbeam: PolicyClient,
    project: string,
    prune: boolean,
  ) => Promise<{ plan: RulePlan; remote: ApprovalRule[] }>;
} {
  const checked = checkRuleFiles(approvalRuleFiles(dir, cwd));
  const local = new Map([...checked.rules].map(([name, { input }]) => [name, input]));
  return {
    problems: inLineOrder([...profileProblems, ...checked.problems]),
    against: async (pgbeam, project, prune) => {
      const remote = await remoteRules(pgbeam, project);
      const plan = planRules(local, remote, prune);
      await recordRuleETags(pgbeam, project, plan.changes, remote);
      return { plan, remote };
    },
  };
}
