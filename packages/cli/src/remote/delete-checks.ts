import type { PolicyClient } from "@pgbeam/policies-client";
import type { PlanChange } from "../profiles/plan-changes.js";

/** A delete the API is bound to refuse: credentials are still bound to the profile. */
export interface FailingDelete {
  name: string;
  id: string;
  /** How many credentials are bound to the profile now. */
  bound_credentials: number;
}

/**
 * The deletes among `changes` that the API would refuse (409) because credentials are bound to
 * the profile, found before anything is written: a replay scoped to the profile's bound
 * credentials reports how many there are (one short read per delete). A delete whose count
 * cannot be read is not reported here; apply then stops at its 409 and says what was applied.
 */
export async function failingDeletes(
  pgbeam: PolicyClient,
  project: string,
  changes: readonly PlanChange[],
): Promise<FailingDelete[]> {
  const failing: FailingDelete[] = [];
  for (const change of changes) {
    if (change.action !== "delete") continue;
    let bound: number | undefined;
    try {
      const replay = await pgbeam.policies.replayPolicy(project, {
        policy_id: change.id,
        bound_policy_id: change.id,
        limit: 1,
      });
      bound = replay.summary.bound_credentials;
    } catch {
      bound = undefined;
    }
    if (bound !== undefined && bound > 0)
      failing.push({ name: change.name, id: change.id, bound_credentials: bound });
  }
  return failing;
}
