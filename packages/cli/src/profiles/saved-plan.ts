import type { PolicyProfile } from "@pgbeam/policies-types";
import { validatePolicyProfileInput } from "@pgbeam/policies-validators";
import { meaningDigest, type PlanChange } from "./plan-changes.js";

/** What a remote profile was when the plan was made. */
export interface RemoteState {
  name: string;
  updated_at: string;
  /** {@link meaningDigest} of the remote profile. */
  digest: string;
}

/** What `plan --out FILE` saves and `apply FILE` carries out, exactly. */
export interface SavedPlan {
  format: "pgbeam-policies-plan";
  format_version: 1;
  project: string;
  created_at: string;
  changes: PlanChange[];
  /** By id, each profile the plan updates or deletes, as it was when planned. */
  remote: Record<string, RemoteState>;
}

const stateOf = (profile: PolicyProfile): RemoteState => ({
  name: profile.name,
  updated_at: profile.updated_at,
  digest: meaningDigest(profile),
});

/** The saved form of a plan made against `remote`. */
export function savedPlan(
  project: string,
  changes: PlanChange[],
  remote: readonly PolicyProfile[],
  now = new Date(),
): SavedPlan {
  const byId = new Map(remote.map((profile) => [profile.id, profile]));
  const touched = changes.flatMap((change) => {
    const profile = change.action === "create" ? undefined : byId.get(change.id);
    return profile === undefined ? [] : [[profile.id, stateOf(profile)] as const];
  });
  return {
    format: "pgbeam-policies-plan",
    format_version: 1,
    project,
    created_at: now.toISOString(),
    changes,
    remote: Object.fromEntries(touched),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** What is wrong with one saved change, if anything: the action, the ids, the profile sent. */
function changeProblem(change: unknown): string | undefined {
  if (!isRecord(change) || typeof change.name !== "string") return "it has no name";
  if (change.action !== "create" && change.action !== "update" && change.action !== "delete")
    return `its action is ${JSON.stringify(change.action)} (create, update or delete)`;
  if (change.action !== "create" && typeof change.id !== "string") return "it has no id";
  if (change.action === "delete") return undefined;
  const checked = validatePolicyProfileInput(change.input);
  return checked.ok ? undefined : `its profile is invalid: ${checked.issues[0]?.message}`;
}

/** The saved plan in `text`, or a message saying why it is not one. */
export function readSavedPlan(text: string): SavedPlan | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "it is not JSON (write one with plan --out FILE)";
  }
  if (!isRecord(value) || value.format !== "pgbeam-policies-plan")
    return "it is not a pgbeam-policies plan (write one with plan --out FILE)";
  if (value.format_version !== 1)
    return `its format_version is ${JSON.stringify(value.format_version)}; this CLI reads 1`;
  if (typeof value.project !== "string" || !Array.isArray(value.changes) || !isRecord(value.remote))
    return "it has no project, changes or remote state";
  const broken = value.changes.findIndex((change: unknown) => changeProblem(change) !== undefined);
  if (broken >= 0) return `change ${broken}: ${changeProblem(value.changes[broken])}`;
  return value as unknown as SavedPlan;
}

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
