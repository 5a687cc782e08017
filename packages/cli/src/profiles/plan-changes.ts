import { createHash } from "node:crypto";
import type { PolicyProfile, PolicyProfileInput } from "@pgbeam/policies-types";
import { policyProfileFields } from "@pgbeam/policies-validators";
import { effectiveProfile } from "@pgbeam/policies-validators/policy";
import type { RulePlan } from "../approval-rules/rule-plan.js";

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
      /** The live profile's ETag when planned: apply updates only if it still matches (If-Match). */
      etag?: string;
    }
  | { action: "delete"; name: string; id: string };

/** The profile's fields as the API would store them: defaults applied, the lists present. */
function effective(profile: PolicyProfileInput): Record<string, unknown> {
  const filled: Record<string, unknown> = effectiveProfile(profile);
  return Object.fromEntries(policyProfileFields.map((field) => [field, filled[field]]));
}

// Lists whose order means nothing to the API: compared as sets, so a reordering is no change.
const setLikeLists = new Set(["table_allowlist", "table_denylist", "allow", "deny"]);

/** A value in a form where meaning alone decides equality: keys sorted, set-like lists sorted. */
export function canonical(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item));
    return setLikeLists.has(key)
      ? [...new Set(items.map((item) => JSON.stringify(item)))]
          .sort()
          .map((item) => JSON.parse(item))
      : items;
  }
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k], k)]),
    );
  return value;
}

/** True when two field values mean the same. */
export const sameMeaning = (a: unknown, b: unknown, field = "") =>
  JSON.stringify(canonical(a, field)) === JSON.stringify(canonical(b, field));

/** The fields in which two profiles differ in meaning, after the spec's defaults. */
export function fieldChanges(have: PolicyProfileInput, want: PolicyProfileInput): FieldChange[] {
  const from = effective(have);
  const to = effective(want);
  return policyProfileFields
    .filter((field) => !sameMeaning(from[field], to[field], field))
    .map((field) => ({ field, from: from[field], to: to[field] }));
}

/** What a plan found: the changes, and the remote profiles without a file that it left alone. */
export interface Plan {
  changes: PlanChange[];
  /** Remote profiles that have no file; `--prune` would delete them. */
  unmanaged: { name: string; id: string }[];
  /** The approval rules' changes (absent in a saved plan made before rules were planned). */
  approvalRules?: RulePlan;
}

/** Compares the files with the project's profiles, by name. */
export function plan(
  local: ReadonlyMap<string, PolicyProfileInput>,
  remote: readonly PolicyProfile[],
  prune: boolean,
): Plan {
  const byName = new Map(remote.map((profile) => [profile.name, profile]));
  const changes: PlanChange[] = [];
  for (const [name, input] of [...local].sort(([a], [b]) => a.localeCompare(b))) {
    const existing = byName.get(name);
    if (existing === undefined) {
      changes.push({ action: "create", name, input });
      continue;
    }
    const fields = fieldChanges(existing, input);
    if (fields.length > 0)
      changes.push({ action: "update", name, id: existing.id, input, changes: fields });
  }
  const unmanaged: Plan["unmanaged"] = [];
  for (const profile of remote) {
    if (local.has(profile.name)) continue;
    if (prune) changes.push({ action: "delete", name: profile.name, id: profile.id });
    else unmanaged.push({ name: profile.name, id: profile.id });
  }
  return { changes, unmanaged };
}

/**
 * The idempotency key of one intended create: the apply run (`applyId`: a saved plan's id, or a
 * fresh id per apply of the files), the project, and the profile's content. Retries of that
 * create send the same key, so it is stored once; a later apply, even of the same content after
 * the profile was deleted, sends a new key and so is not answered with the first create's replay.
 */
export function createKey(applyId: string, projectId: string, input: PolicyProfileInput): string {
  const digest = createHash("sha256")
    .update(`${applyId}\n${projectId}\n${JSON.stringify(effective(input))}`)
    .digest("hex");
  return `pgbeam-cli-${digest.slice(0, 40)}`;
}

/** A digest of what a profile means (defaults applied, order ignored): equal digests, equal meaning. */
export function meaningDigest(profile: PolicyProfileInput): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(effective(profile))))
    .digest("hex");
}

/** The profile as a file holds it: no id or timestamps, no name (the file name is the name). */
export function fileFields(profile: PolicyProfile): Record<string, unknown> {
  const { id, project_id, created_at, updated_at, name, ...fields } = profile;
  const ordered = policyProfileFields.filter((field) => field !== "name" && field in fields);
  return Object.fromEntries(
    ordered.map((field) => [field, (fields as Record<string, unknown>)[field]]),
  );
}
