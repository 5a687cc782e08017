import type { PolicyProfile } from "@pgbeam/policies-types";
import { fieldChanges, meaningDigest, type PlanChange } from "./plan-changes.js";
import type { SavedPlan } from "./saved-plan.js";

/**
 * Why the project no longer is what the plan was made against, one line per profile that
 * changed since (created, updated or deleted by someone else); empty when the plan still holds.
 */
export function staleness(saved: SavedPlan, remote: readonly PolicyProfile[]): string[] {
  const byId = new Map(remote.map((profile) => [profile.id, profile]));
  const byName = new Map(remote.map((profile) => [profile.name, profile]));
  return saved.changes.flatMap((change) => {
    if (change.action === "create") {
      const now = byName.get(change.name);
      return now === undefined ? [] : [`${change.name} was created (${now.id}) after the plan`];
    }
    const now = byId.get(change.id);
    const then = saved.remote[change.id];
    if (now === undefined) return [`${change.name} (${change.id}) was deleted after the plan`];
    const same =
      then !== undefined &&
      now.name === then.name &&
      now.updated_at === then.updated_at &&
      meaningDigest(now) === then.digest;
    return same ? [] : [`${change.name} (${change.id}) was changed after the plan`];
  });
}

/**
 * The saved plan's changes with each update's field diff computed from what apply will send
 * against the listing apply fetched: what apply shows and what it sends have one source.
 * Call after {@link staleness} found nothing, so every profile updated is in `remote`.
 */
export function changesToApply(saved: SavedPlan, remote: readonly PolicyProfile[]): PlanChange[] {
  const byId = new Map(remote.map((profile) => [profile.id, profile]));
  return saved.changes.map((change) => {
    if (change.action !== "update") return change;
    const live = byId.get(change.id);
    return { ...change, changes: live === undefined ? [] : fieldChanges(live, change.input) };
  });
}
