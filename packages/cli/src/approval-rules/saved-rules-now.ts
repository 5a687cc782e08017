import type { PolicyClient } from "@pgbeam/policies-client";
import type { SavedPlan } from "../profiles/saved-plan.js";
import { remoteRules } from "./remote-rules.js";
import type { RulePlan } from "./rule-plan.js";
import { ruleChangesToApply, ruleStaleness } from "./saved-rules.js";

/**
 * A saved plan's approval rules against the project now: one line per rule changed since the
 * plan (apply then refuses the whole plan), and the rule changes to carry out. A plan without
 * rule changes reads no rules.
 */
export async function savedRulesNow(
  pgbeam: PolicyClient,
  saved: SavedPlan,
): Promise<{ stale: string[]; plan?: RulePlan }> {
  const rules = saved.approval_rules;
  if (rules === undefined || rules.changes.length === 0) return { stale: [] };
  const remote = await remoteRules(pgbeam, saved.project);
  return { stale: ruleStaleness(rules, remote), plan: ruleChangesToApply(rules, remote) };
}
