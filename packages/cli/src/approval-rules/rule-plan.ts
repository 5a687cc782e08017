import { createHash } from "node:crypto";
import type { ApprovalRule, ApprovalRuleInput } from "@pgbeam/policies-types";
import { fullRuleInput, type RuleFieldChange, ruleFieldChanges } from "./rule-fields.js";

/**
 * One approval-rule change the plan would make. `input` is always the full rule (every field
 * written out), because an update is a full replace.
 */
export type RuleChange =
  | { action: "create"; name: string; input: ApprovalRuleInput }
  | {
      action: "update";
      name: string;
      id: string;
      input: ApprovalRuleInput;
      changes: RuleFieldChange[];
      /** The live rule's ETag when planned: apply updates only if it still matches (If-Match). */
      etag?: string;
    }
  | { action: "delete"; name: string; id: string };

/** What a plan found for approval rules: the changes, and the remote rules without a file. */
export interface RulePlan {
  changes: RuleChange[];
  /** Remote rules that have no file; `--prune` would delete them. */
  unmanaged: { name: string; id: string }[];
}

/** Compares the rule files with the project's rules, by name (unique within a project). */
export function planRules(
  local: ReadonlyMap<string, ApprovalRuleInput>,
  remote: readonly ApprovalRule[],
  prune: boolean,
): RulePlan {
  const byName = new Map(remote.map((rule) => [rule.name, rule]));
  const changes: RuleChange[] = [];
  for (const [name, wanted] of [...local].sort(([a], [b]) => a.localeCompare(b))) {
    const input = fullRuleInput({ ...wanted, name });
    const existing = byName.get(name);
    if (existing === undefined) {
      changes.push({ action: "create", name, input });
      continue;
    }
    const fields = ruleFieldChanges(existing, input);
    if (fields.length > 0)
      changes.push({ action: "update", name, id: existing.id, input, changes: fields });
  }
  const unmanaged: RulePlan["unmanaged"] = [];
  for (const rule of remote) {
    if (local.has(rule.name)) continue;
    if (prune) changes.push({ action: "delete", name: rule.name, id: rule.id });
    else unmanaged.push({ name: rule.name, id: rule.id });
  }
  return { changes, unmanaged };
}

/**
 * The idempotency key of one intended rule create: the apply run, the project and the rule, so a
 * retry of that create is stored once and a later apply sends a new key (as for profiles).
 */
export function ruleCreateKey(
  applyId: string,
  projectId: string,
  input: ApprovalRuleInput,
): string {
  const digest = createHash("sha256")
    .update(`${applyId}\n${projectId}\napproval-rule\n${JSON.stringify(fullRuleInput(input))}`)
    .digest("hex");
  return `pgbeam-cli-${digest.slice(0, 40)}`;
}
