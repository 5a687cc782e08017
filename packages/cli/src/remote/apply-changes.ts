import { NotFoundError, type PolicyClient, PreconditionFailedError } from "@pgbeam/policies-client";
import type { CommandContext } from "../context.js";
import { exitCodes } from "../io.js";
import { createKey, type PlanChange } from "../profiles/plan-changes.js";
import { noInterrupt } from "../terminal/interrupt.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";
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
  { io, out, paint }: CommandContext,
  pgbeam: PolicyClient,
  project: string,
  changes: readonly PlanChange[],
  applyId: string,
): Promise<number> {
  const interrupt = io.interrupt ?? noInterrupt;
  const done: AppliedChange[] = [];
  const summary = (from: number) => {
    out(`Applied: ${done.length === 0 ? "nothing" : done.map((d) => label(d.change)).join(", ")}.`);
    out(`Not applied: ${changes.slice(from).map(label).join(", ")}.`);
  };
  const stoppedAt = await interrupt.graceful(async () => {
    for (const [index, change] of changes.entries()) {
      if (interrupt.requested()) {
        out(paint.red(`✗ Interrupted: stopped before ${label(change)}.`));
        return index;
      }
      if (io.isTTY) io.stdout(paint.dim(`[${index + 1}/${changes.length}] ${label(change)}…\n`));
      try {
        const answered = await send(pgbeam, project, applyId, change);
        done.push(answered);
        out(paint.green(`✓ ${label(change)}${answered.note ? ` (${answered.note})` : ""}`));
      } catch (error) {
        out(
          paint.red(
            error instanceof PreconditionFailedError
              ? `✗ ${label(change)} refused: ${visible(change.name)} changed after the plan (412), so nothing of it was overwritten. Run plan again.`
              : `✗ ${label(change)} failed: ${visible((error as Error).message)}`,
          ),
        );
        return index;
      }
    }
    return changes.length;
  });
  if (stoppedAt < changes.length) {
    summary(stoppedAt);
    return exitCodes.error;
  }
  const missing = unappliedChanges(done, await remoteProfiles(pgbeam, project));
  if (missing.length > 0) {
    for (const line of missing) out(paint.red(`✗ ${visible(line)}`));
    out(
      paint.red(
        `The project does not hold ${count(missing.length, "change")} the API answered with success: run plan to see what is left.`,
      ),
    );
    return exitCodes.error;
  }
  out(`Applied ${count(done.length, "change")}.`);
  return exitCodes.ok;
}
