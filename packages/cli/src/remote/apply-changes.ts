import { NotFoundError, type PolicyClient } from "@pgbeam/policies-client";
import type { CommandContext } from "../context.js";
import { exitCodes } from "../io.js";
import { createKey, type PlanChange } from "../profiles/plan-changes.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";
import { applyInOrder, reportUnapplied } from "./apply-in-order.js";
import { remoteProfiles } from "./remote-profiles.js";
import { type AppliedChange, unappliedChanges } from "./verify-applied.js";

const label = (change: PlanChange) => `${change.action} ${visible(change.name)}`;

/** Sends one change; resolves to what the API answered for it. */
async function send(
  pgbeam: PolicyClient,
  project: string,
  applyId: string,
  change: PlanChange,
): Promise<AppliedChange & { note?: string }> {
  if (change.action === "create") {
    const created = await pgbeam.policies.createPolicyProfile(project, change.input, {
      idempotencyKey: createKey(applyId, project, change.input),
    });
    return { change, createdId: created.id };
  }
  if (change.action === "update") {
    await pgbeam.policies.updatePolicyProfile(
      project,
      change.id,
      change.input,
      change.etag === undefined ? {} : { ifMatch: change.etag },
    );
    return { change };
  }
  try {
    await pgbeam.policies.deletePolicyProfile(project, change.id);
    return { change };
  } catch (error) {
    // Deleted by someone else since the plan: what the plan wanted is already true.
    if (error instanceof NotFoundError) return { change, note: "it was already deleted" };
    throw error;
  }
}

/**
 * Carries out the changes in order, each create under a key that is this apply's own (`applyId`);
 * stops at the first failure, or before the next change after a first Ctrl-C, and says what was
 * and was not applied. Then lists the project and checks that it holds every change the API
 * answered with success; resolves to exit code 0 only when it does, so a plan after it is clean.
 */
export async function applyChanges(
  context: CommandContext,
  pgbeam: PolicyClient,
  project: string,
  changes: readonly PlanChange[],
  applyId: string,
): Promise<number> {
  const done = await applyInOrder(context, changes, {
    label,
    send: (change) => send(pgbeam, project, applyId, change),
  });
  if (done === undefined) return exitCodes.error;
  const answers = done.map(({ answer }) => answer);
  if (!reportUnapplied(context, unappliedChanges(answers, await remoteProfiles(pgbeam, project))))
    return exitCodes.error;
  context.out(`Applied ${count(done.length, "change")}.`);
  return exitCodes.ok;
}
