import type { PolicyClient, PolicyProfile } from "@pgbeam/policies-client";
import { requireProject, type Settings } from "../config.js";
import type { CommandContext } from "../context.js";
import { InvalidFilesError } from "../io.js";
import { checkFiles } from "../profiles/check-files.js";
import { meaningDigest, type Plan, type PlanChange, plan } from "../profiles/plan-changes.js";
import { policyFiles } from "../profiles/policy-files.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";
import type { FailingDelete } from "./delete-checks.js";
import { remoteProfiles } from "./remote-profiles.js";

/**
 * Reads each profile to update with its ETag, so apply can update it only if it is still the
 * profile this plan compared with. A profile that changed between the list and this read stops
 * the plan: what it showed would already be out of date.
 */
async function recordETags(
  pgbeam: PolicyClient,
  project: string,
  changes: PlanChange[],
  remote: readonly PolicyProfile[],
): Promise<void> {
  const byId = new Map(remote.map((profile) => [profile.id, profile]));
  for (const change of changes) {
    if (change.action !== "update") continue;
    const { data, etag } = await pgbeam.policies.getPolicyProfileWithETag(project, change.id);
    const listed = byId.get(change.id);
    if (listed === undefined || meaningDigest(listed) !== meaningDigest(data))
      throw new PlanRaceError(change.name);
    if (etag !== undefined) change.etag = etag;
  }
}

/** A profile changed while the plan was being made. */
export class PlanRaceError extends Error {
  override name = "PlanRaceError";
  constructor(profile: string) {
    super(`${profile} changed while the plan was being made: run plan again.`);
  }
}

/** The plan of the files against the project; invalid files stop it with their problems. */
export async function planned(context: CommandContext, config: Settings, prune: boolean) {
  const project = requireProject(config);
  const checked = checkFiles(policyFiles(config.dir, context.io.cwd));
  if (checked.problems.length > 0) {
    throw new InvalidFilesError(
      "Fix the files first: plan compares only valid profiles.",
      checked.problems,
    );
  }
  const pgbeam = context.client(config);
  const remote = await remoteProfiles(pgbeam, project);
  const local = new Map([...checked.profiles].map(([name, { input }]) => [name, input]));
  const result = plan(local, remote, prune);
  await recordETags(pgbeam, project, result.changes, remote);
  return { project, pgbeam, remote, plan: result };
}

const json = (value: unknown) => visible(JSON.stringify(value));

/** Prints a plan as text; every server-provided string has its control characters made visible. */
export function showPlan(
  { out, paint }: CommandContext,
  { changes, unmanaged }: Plan,
  failing: readonly FailingDelete[] = [],
): void {
  for (const change of changes) {
    const name = visible(change.name);
    if (change.action === "create") out(paint.green(`+ create  ${name}`));
    if (change.action === "delete") {
      out(paint.red(`- delete  ${name} (${visible(change.id)})`));
      const bound = failing.find((d) => d.id === change.id)?.bound_credentials;
      if (bound !== undefined)
        out(
          paint.yellow(
            `    warning: ${count(bound, "credential is", "credentials are")} bound to ${name}, so the API will refuse to delete it (409): bind ${bound === 1 ? "it" : "them"} to another profile first, or keep its file. apply refuses this plan before writing anything.`,
          ),
        );
    }
    if (change.action === "update") {
      out(paint.yellow(`~ update  ${name} (${visible(change.id)})`));
      for (const f of change.changes) out(`    ${f.field}: ${json(f.from)} → ${json(f.to)}`);
    }
  }
  const of = (action: PlanChange["action"]) => changes.filter((c) => c.action === action).length;
  out(
    changes.length === 0
      ? "No changes: the files match the project."
      : `Plan: ${of("create")} to create, ${of("update")} to update, ${of("delete")} to delete.`,
  );
  if (unmanaged.length > 0)
    out(
      paint.dim(
        `${count(unmanaged.length, "remote profile has", "remote profiles have")} no file: ${unmanaged.map((p) => visible(p.name)).join(", ")}. plan --prune would delete ${unmanaged.length === 1 ? "it" : "them"}.`,
      ),
    );
}
