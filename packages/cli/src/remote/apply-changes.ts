import { type PolicyClient, PreconditionFailedError } from "@pgbeam/policies-client";
import type { CommandContext } from "../context.js";
import { exitCodes } from "../io.js";
import { createKey, type PlanChange } from "../profiles/plan-changes.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";

const label = (change: PlanChange) => `${change.action} ${visible(change.name)}`;

/**
 * Carries out the changes in order: creates under an idempotency key derived from the project,
 * name and content; stops at the first failure and says what was and was not applied.
 */
export async function applyChanges(
  { io, out, paint, exit }: CommandContext,
  pgbeam: PolicyClient,
  project: string,
  changes: readonly PlanChange[],
): Promise<void> {
  const done: string[] = [];
  for (const [index, change] of changes.entries()) {
    if (io.isTTY) io.stdout(paint.dim(`[${index + 1}/${changes.length}] ${label(change)}…\n`));
    try {
      if (change.action === "create")
        await pgbeam.policies.createPolicyProfile(project, change.input, {
          idempotencyKey: createKey(project, change.input),
        });
      if (change.action === "update")
        await pgbeam.policies.updatePolicyProfile(
          project,
          change.id,
          change.input,
          change.etag === undefined ? {} : { ifMatch: change.etag },
        );
      if (change.action === "delete") await pgbeam.policies.deletePolicyProfile(project, change.id);
    } catch (error) {
      out(
        paint.red(
          error instanceof PreconditionFailedError
            ? `✗ ${label(change)} refused: ${visible(change.name)} changed after the plan (412), so nothing of it was overwritten. Run plan again.`
            : `✗ ${label(change)} failed: ${visible((error as Error).message)}`,
        ),
      );
      out(`Applied: ${done.length === 0 ? "nothing" : done.join(", ")}.`);
      out(`Not applied: ${changes.slice(index).map(label).join(", ")}.`);
      exit(exitCodes.error);
      return;
    }
    done.push(label(change));
    out(paint.green(`✓ ${label(change)}`));
  }
  out(`Applied ${count(done.length, "change")}.`);
  exit(exitCodes.ok);
}
