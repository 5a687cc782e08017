import { NotFoundError, type PolicyClient } from "@pgbeam/policies-client";
import type { ApprovalRule } from "@pgbeam/policies-types";
import type { CommandContext } from "../context.js";
import { exitCodes } from "../io.js";
import { applyInOrder, reportUnapplied } from "../remote/apply-in-order.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";
import { remoteRules } from "./remote-rules.js";
import { ruleFieldChanges } from "./rule-fields.js";
import { type RuleChange, ruleCreateKey } from "./rule-plan.js";

const label = (change: RuleChange) => `${change.action} approval rule ${visible(change.name)}`;

/** Sends one rule change (always the full rule: a PUT replaces every field). */
async function send(
  pgbeam: PolicyClient,
  project: string,
  applyId: string,
  change: RuleChange,
): Promise<{ note?: string; createdId?: string }> {
  if (change.action === "create") {
    const created = await pgbeam.approvalRules.create(project, change.input, {
      idempotencyKey: ruleCreateKey(applyId, project, change.input),
    });
    return { createdId: created.id };
  }
  if (change.action === "update") {
    await pgbeam.approvalRules.update(
      project,
      change.id,
      change.input,
      change.etag === undefined ? {} : { ifMatch: change.etag },
    );
    return {};
  }
  try {
    await pgbeam.approvalRules.delete(project, change.id);
    return {};
  } catch (error) {
    if (error instanceof NotFoundError) return { note: "it was already deleted" };
    throw error;
  }
}

/** What the project should hold after a change the API answered with success, if it does not. */
function unapplied(
  change: RuleChange,
  remote: ReadonlyMap<string, ApprovalRule>,
): string | undefined {
  if (change.action === "delete")
    return remote.has(change.name) ? `approval rule ${change.name} is still there` : undefined;
  const now = remote.get(change.name);
  if (now === undefined) return `approval rule ${change.name} is missing`;
  return ruleFieldChanges(now, change.input).length === 0
    ? undefined
    : `approval rule ${change.name} does not hold what was sent`;
}

/**
 * Carries out the approval-rule changes in order, after the profiles' (the same guarantees: a
 * create key per apply run, If-Match on update, stop at the first failure or after a Ctrl-C), then
 * lists the rules and checks that each change the API accepted is there. Resolves to the exit code.
 */
export async function applyRuleChanges(
  context: CommandContext,
  pgbeam: PolicyClient,
  project: string,
  changes: readonly RuleChange[],
  applyId: string,
): Promise<number> {
  const done = await applyInOrder(context, changes, {
    label,
    send: (change) => send(pgbeam, project, applyId, change),
  });
  if (done === undefined) return exitCodes.error;
  const byName = new Map((await remoteRules(pgbeam, project)).map((rule) => [rule.name, rule]));
  const missing = done.flatMap(({ change }) => unapplied(change, byName) ?? []);
  if (!reportUnapplied(context, missing)) return exitCodes.error;
  context.out(`Applied ${count(done.length, "approval-rule change")}.`);
  return exitCodes.ok;
}
