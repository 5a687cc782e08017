import { PreconditionFailedError } from "@pgbeam/policies-client";
import type { CommandContext } from "../context.js";
import { noInterrupt } from "../terminal/interrupt.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";

/** One kind of change apply sends (profiles, approval rules): how it is named and sent. */
export interface ChangeSender<Change extends { name: string }, Answer extends { note?: string }> {
  label: (change: Change) => string;
  send: (change: Change) => Promise<Answer>;
}

/**
 * Sends the changes in order. Stops at the first failure (a 412 says the resource changed after
 * the plan), or before the next change after a first Ctrl-C, and then says what was and was not
 * applied. Resolves to the answers of the changes sent, or `undefined` when it stopped early.
 */
export async function applyInOrder<
  Change extends { name: string },
  Answer extends { note?: string },
>(
  { io, out, paint }: CommandContext,
  changes: readonly Change[],
  { label, send }: ChangeSender<Change, Answer>,
): Promise<{ change: Change; answer: Answer }[] | undefined> {
  const interrupt = io.interrupt ?? noInterrupt;
  const done: { change: Change; answer: Answer }[] = [];
  const stoppedAt = await interrupt.graceful(async () => {
    for (const [index, change] of changes.entries()) {
      if (interrupt.requested()) {
        out(paint.red(`✗ Interrupted: stopped before ${label(change)}.`));
        return index;
      }
      if (io.isTTY) io.stdout(paint.dim(`[${index + 1}/${changes.length}] ${label(change)}…\n`));
      try {
        const answer = await send(change);
        done.push({ change, answer });
        out(paint.green(`✓ ${label(change)}${answer.note ? ` (${answer.note})` : ""}`));
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
  if (stoppedAt === changes.length) return done;
  const applied = done.map(({ change }) => label(change));
  out(`Applied: ${applied.length === 0 ? "nothing" : applied.join(", ")}.`);
  out(`Not applied: ${changes.slice(stoppedAt).map(label).join(", ")}.`);
  return undefined;
}

/**
 * Reports the changes the API accepted that the project does not hold (listed again after the
 * writes), so apply never says "done" for what did not happen. True when there are none.
 */
export function reportUnapplied(
  { out, paint }: CommandContext,
  missing: readonly string[],
): boolean {
  if (missing.length === 0) return true;
  for (const line of missing) out(paint.red(`✗ ${visible(line)}`));
  out(
    paint.red(
      `The project does not hold ${count(missing.length, "change")} the API answered with success: run plan to see what is left.`,
    ),
  );
  return false;
}
