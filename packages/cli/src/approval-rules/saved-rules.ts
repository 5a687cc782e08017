import type { ApprovalRule, ApprovalRuleInput } from "@pgbeam/policies-types";
import { validateApprovalRuleInput } from "@pgbeam/policies-validators";
import { ruleDigest, ruleFieldChanges } from "./rule-fields.js";
import type { RuleChange, RulePlan } from "./rule-plan.js";

/** One approval-rule change as saved: only what apply sends. */
export type SavedRuleChange =
  | { action: "create"; name: string; input: ApprovalRuleInput }
  | { action: "update"; name: string; id: string; input: ApprovalRuleInput; etag?: string }
  | { action: "delete"; name: string; id: string };

/** The approval-rule part of a saved plan (inside the plan's digest, like every other field). */
export interface SavedRules {
  changes: SavedRuleChange[];
  /** By id, each rule the plan updates or deletes, as it was when planned. */
  remote: Record<string, { name: string; updated_at: string; digest: string }>;
}

/** The saved form of a rule plan made against `remote`. */
export function savedRules(plan: RulePlan, remote: readonly ApprovalRule[]): SavedRules {
  const byId = new Map(remote.map((rule) => [rule.id, rule]));
  const touched = plan.changes.flatMap((change) => {
    const rule = change.action === "create" ? undefined : byId.get(change.id);
    return rule === undefined
      ? []
      : [[rule.id, { name: rule.name, updated_at: rule.updated_at, digest: ruleDigest(rule) }]];
  });
  const changes = plan.changes.map((change): SavedRuleChange => {
    if (change.action !== "update") return change;
    const { changes: _shown, ...sent } = change;
    return sent;
  });
  return { changes, remote: Object.fromEntries(touched) };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** What is wrong with a saved plan's `approval_rules`, if anything. */
export function savedRulesProblem(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !Array.isArray(value.changes) || !isRecord(value.remote))
    return "approval_rules has no changes or remote state";
  for (const [index, change] of value.changes.entries()) {
    const at = `approval_rules change ${index}`;
    if (!isRecord(change) || typeof change.name !== "string") return `${at}: it has no name`;
    if (change.action !== "create" && change.action !== "update" && change.action !== "delete")
      return `${at}: its action is ${JSON.stringify(change.action)} (create, update or delete)`;
    if (change.action !== "create" && typeof change.id !== "string") return `${at}: it has no id`;
    if (change.action === "delete") continue;
    const checked = validateApprovalRuleInput(change.input);
    if (!checked.ok) return `${at}: its rule is invalid: ${checked.issues[0]?.message}`;
  }
  return undefined;
}

/** Why the project's rules are no longer what the saved plan was made against; empty when they are. */
export function ruleStaleness(saved: SavedRules, remote: readonly ApprovalRule[]): string[] {
  const byId = new Map(remote.map((rule) => [rule.id, rule]));
  const byName = new Map(remote.map((rule) => [rule.name, rule]));
  return saved.changes.flatMap((change) => {
    if (change.action === "create") {
      const now = byName.get(change.name);
      return now === undefined
        ? []
        : [`approval rule ${change.name} was created (${now.id}) after the plan`];
    }
    const now = byId.get(change.id);
    const then = saved.remote[change.id];
    if (now === undefined)
      return [`approval rule ${change.name} (${change.id}) was deleted after the plan`];
    const same =
      then !== undefined &&
      now.name === then.name &&
      now.updated_at === then.updated_at &&
      ruleDigest(now) === then.digest;
    return same ? [] : [`approval rule ${change.name} (${change.id}) was changed after the plan`];
  });
}

/** The saved rule changes, each update's field diff computed again against the live rule. */
export function ruleChangesToApply(saved: SavedRules, remote: readonly ApprovalRule[]): RulePlan {
  const byId = new Map(remote.map((rule) => [rule.id, rule]));
  const changes = saved.changes.map((change): RuleChange => {
    if (change.action !== "update") return change;
    const live = byId.get(change.id);
    return { ...change, changes: live === undefined ? [] : ruleFieldChanges(live, change.input) };
  });
  return { changes, unmanaged: [] };
}
