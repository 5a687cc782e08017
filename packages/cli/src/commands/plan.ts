import { createHash } from "node:crypto";
import type { PolicyProfile, PolicyProfileInput } from "@pgbeam/policies-types";
import { policyProfileFields, withDefaults } from "@pgbeam/policies-validators";

/** One field that differs between the remote profile and the file. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** One change the plan would make. */
export type PlanChange =
  | { action: "create"; name: string; input: PolicyProfileInput }
  | {
      action: "update";
      name: string;
      id: string;
      input: PolicyProfileInput;
      changes: FieldChange[];
    }
  | { action: "delete"; name: string; id: string };

/** The profile's fields as the API would store them: defaults applied, the lists present. */
function effective(profile: PolicyProfileInput): Record<string, unknown> {
  const filled: Record<string, unknown> = {
    table_allowlist: [],
    table_denylist: [],
    masking_rules: [],
    ...withDefaults(profile),
  };
  return Object.fromEntries(policyProfileFields.map((field) => [field, filled[field]]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Compares the files with the project's profiles, by name. */
export function plan(
  local: ReadonlyMap<string, PolicyProfileInput>,
  remote: readonly PolicyProfile[],
  prune: boolean,
): PlanChange[] {
  const byName = new Map(remote.map((profile) => [profile.name, profile]));
  const changes: PlanChange[] = [];
  for (const [name, input] of [...local].sort(([a], [b]) => a.localeCompare(b))) {
    const existing = byName.get(name);
    if (existing === undefined) {
      changes.push({ action: "create", name, input });
      continue;
    }
    const want = effective(input);
    const have = effective(existing);
    const fields = policyProfileFields
      .filter((field) => !same(have[field], want[field]))
      .map((field) => ({ field, from: have[field], to: want[field] }));
    if (fields.length > 0)
      changes.push({ action: "update", name, id: existing.id, input, changes: fields });
  }
  if (prune) {
    for (const profile of remote) {
      if (!local.has(profile.name))
        changes.push({ action: "delete", name: profile.name, id: profile.id });
    }
  }
  return changes;
}

/**
 * The idempotency key of a create: the same project, name and content always give the same key,
 * so a retried or re-run apply never stores the profile twice.
 */
export function createKey(projectId: string, input: PolicyProfileInput): string {
  const digest = createHash("sha256")
    .update(`${projectId}\n${JSON.stringify(effective(input))}`)
    .digest("hex");
  return `pgbeam-cli-${digest.slice(0, 40)}`;
}

/** The profile as a file holds it: no id or timestamps, no name (the file name is the name). */
export function fileFields(profile: PolicyProfile): Record<string, unknown> {
  const { id, project_id, created_at, updated_at, name, ...fields } = profile;
  const ordered = policyProfileFields.filter((field) => field !== "name" && field in fields);
  return Object.fromEntries(
    ordered.map((field) => [field, (fields as Record<string, unknown>)[field]]),
  );
}
