import { createHash, randomUUID } from "node:crypto";
import type { PolicyProfile, PolicyProfileInput } from "@pgbeam/policies-types";
import { validatePolicyProfileInput } from "@pgbeam/policies-validators";
import { type SavedRules, savedRulesProblem } from "../approval-rules/saved-rules.js";
import { version } from "../version.js";
import { meaningDigest, type PlanChange } from "./plan-changes.js";

/** What a remote profile was when the plan was made. */
export interface RemoteState {
  name: string;
  updated_at: string;
  /** {@link meaningDigest} of the remote profile. */
  digest: string;
}

/**
 * One change as saved: only what apply sends (the action, the ids, the profile, the ETag). The
 * field diff apply shows is computed again from `input`, so it cannot disagree with what is sent.
 */
export type SavedChange =
  | { action: "create"; name: string; input: PolicyProfileInput }
  | { action: "update"; name: string; id: string; input: PolicyProfileInput; etag?: string }
  | { action: "delete"; name: string; id: string };

/** What `plan --out FILE` saves and `apply FILE` carries out, exactly. */
export interface SavedPlan {
  format: "pgbeam-policies-plan";
  format_version: 2;
  /** The CLI version that wrote it: another version refuses it. */
  cli_version: string;
  /** This plan's own id: its creates' idempotency keys derive from it. */
  plan_id: string;
  project: string;
  created_at: string;
  changes: SavedChange[];
  /** By id, each profile the plan updates or deletes, as it was when planned. */
  remote: Record<string, RemoteState>;
  /** The approval rules' changes and remote state (inside the digest like every other field). */
  approval_rules?: SavedRules;
  /** SHA-256 over every other field: a plan edited after `plan` wrote it is refused. */
  digest: string;
}

const stateOf = (profile: PolicyProfile): RemoteState => ({
  name: profile.name,
  updated_at: profile.updated_at,
  digest: meaningDigest(profile),
});

const savedChange = (change: PlanChange): SavedChange =>
  change.action === "create"
    ? { action: "create", name: change.name, input: change.input }
    : change.action === "delete"
      ? { action: "delete", name: change.name, id: change.id }
      : {
          action: "update",
          name: change.name,
          id: change.id,
          input: change.input,
          ...(change.etag === undefined ? {} : { etag: change.etag }),
        };

/** JSON with object keys sorted at every depth: the same content always gives the same text. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (typeof value === "object" && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

/** The digest a saved plan carries: over every field but `digest` itself. */
export function planDigest(plan: Record<string, unknown>): string {
  const { digest: _ignored, ...content } = plan;
  return createHash("sha256").update(sortedJson(content)).digest("hex");
}

/** The saved form of a plan made against `remote`. */
export function savedPlan(
  project: string,
  changes: readonly PlanChange[],
  remote: readonly PolicyProfile[],
  now = new Date(),
  approvalRules?: SavedRules,
): SavedPlan {
  const byId = new Map(remote.map((profile) => [profile.id, profile]));
  const touched = changes.flatMap((change) => {
    const profile = change.action === "create" ? undefined : byId.get(change.id);
    return profile === undefined ? [] : [[profile.id, stateOf(profile)] as const];
  });
  const content = {
    format: "pgbeam-policies-plan" as const,
    format_version: 2 as const,
    cli_version: version,
    plan_id: randomUUID(),
    project,
    created_at: now.toISOString(),
    changes: changes.map(savedChange),
    remote: Object.fromEntries(touched),
    ...(approvalRules === undefined ? {} : { approval_rules: approvalRules }),
  };
  return { ...content, digest: planDigest(content) };
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

/**
 * The saved plan in `text`, or a message saying why it is not one: not a plan, written by
 * another CLI version, changed after `plan` wrote it (its digest), or malformed.
 */
export function readSavedPlan(text: string): SavedPlan | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "it is not JSON (write one with plan --out FILE)";
  }
  if (!isRecord(value) || value.format !== "pgbeam-policies-plan")
    return "it is not a pgbeam-policies plan (write one with plan --out FILE)";
  if (value.format_version !== 2 || value.cli_version !== version)
    return `it was written by pgbeam-policies ${typeof value.cli_version === "string" ? value.cli_version : "before 0.1"} and this is ${version}: make the plan again with this version`;
  if (value.digest !== planDigest(value))
    return "it was changed after plan wrote it (its digest does not match its content), so it is not the plan that was reviewed: nothing applied; make the plan again";
  if (
    typeof value.project !== "string" ||
    typeof value.plan_id !== "string" ||
    !Array.isArray(value.changes) ||
    !isRecord(value.remote)
  )
    return "it has no project, plan_id, changes or remote state";
  const broken = value.changes.findIndex((change: unknown) => changeProblem(change) !== undefined);
  if (broken >= 0) return `change ${broken}: ${changeProblem(value.changes[broken])}`;
  const rulesProblem = savedRulesProblem(value.approval_rules);
  if (rulesProblem !== undefined) return rulesProblem;
  return value as unknown as SavedPlan;
}
