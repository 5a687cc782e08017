import type { PolicyProfile } from "@pgbeam/policies-client";
import { meaningDigest, type PlanChange } from "../profiles/plan-changes.js";

/** A change the API answered with success; a create carries the id the answer gave. */
export interface AppliedChange {
  change: PlanChange;
  /** For a create: the id of the profile the 201 answered with. */
  createdId?: string;
}

/**
 * What the project, as listed after apply, does not hold of the changes the API answered with
 * success: one line per change. Empty when every answer is true of the project, which is what
 * makes a clean plan follow every apply that exits 0. A create answered from an earlier request's
 * replay whose profile was deleted since, or a profile someone changed again at once, shows here.
 */
export function unappliedChanges(
  applied: readonly AppliedChange[],
  remote: readonly PolicyProfile[],
): string[] {
  const byId = new Map(remote.map((profile) => [profile.id, profile]));
  const byName = new Map(remote.map((profile) => [profile.name, profile]));
  return applied.flatMap(({ change, createdId }) => {
    if (change.action === "delete")
      return byId.has(change.id) ? [`${change.name} (${change.id}) still exists`] : [];
    const now =
      change.action === "update" ? byId.get(change.id) : (byId.get(createdId ?? "") ?? undefined);
    if (now === undefined)
      return change.action === "create"
        ? [
            `${change.name} does not exist, although its create was answered 201${createdId === undefined ? "" : ` (${createdId})`}: the answer was a replay of an earlier create whose profile has since been deleted, so nothing was created`,
          ]
        : [`${change.name} (${change.id}) no longer exists`];
    if (now.name !== change.name || byName.get(change.name)?.id !== now.id)
      return [`${change.name} (${now.id}) is now named ${now.name}`];
    return meaningDigest(now) === meaningDigest(change.input)
      ? []
      : [`${change.name} (${now.id}) does not hold what apply sent (changed again since?)`];
  });
}
