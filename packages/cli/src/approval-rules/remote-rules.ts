import type { ApprovalRule, PolicyClient } from "@pgbeam/policies-client";
import { PlanRaceError } from "../remote/planned.js";
import { ruleDigest } from "./rule-fields.js";
import type { RuleChange } from "./rule-plan.js";

/** Every approval rule of the project, all pages (disabled ones included). */
export async function remoteRules(pgbeam: PolicyClient, project: string): Promise<ApprovalRule[]> {
  const remote: ApprovalRule[] = [];
  for await (const rule of pgbeam.approvalRules.listAll(project, { page_size: 100 }))
    remote.push(rule);
  return remote;
}

/**
 * Reads each rule to update with its ETag, so apply updates it only if it is still the rule the
 * plan compared with; a rule that changed between the list and this read stops the plan.
 */
export async function recordRuleETags(
  pgbeam: PolicyClient,
  project: string,
  changes: RuleChange[],
  remote: readonly ApprovalRule[],
): Promise<void> {
  const byId = new Map(remote.map((rule) => [rule.id, rule]));
  for (const change of changes) {
    if (change.action !== "update") continue;
    const { data, etag } = await pgbeam.approvalRules.get(project, change.id).withResponse();
    const listed = byId.get(change.id);
    if (listed === undefined || ruleDigest(listed) !== ruleDigest(data))
      throw new PlanRaceError(`approval rule ${change.name}`);
    if (etag !== undefined && etag !== null) change.etag = etag;
  }
}
