import type { PolicyClient, PolicyProfile } from "@pgbeam/policies-client";
import { plannedRules } from "../approval-rules/planned-rules.js";
import { requireProject, type Settings } from "../config.js";
import type { CommandContext } from "../context.js";
import { InvalidFilesError } from "../io.js";
import { checkFiles } from "../profiles/check-files.js";
import { meaningDigest, type PlanChange, plan } from "../profiles/plan-changes.js";
import { policyFiles } from "../profiles/policy-files.js";
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
    const { data, etag } = await pgbeam.policies
      .getPolicyProfile(project, change.id)
      .withResponse();
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
  const rules = plannedRules(config.dir, context.io.cwd, checked.problems);
  if (rules.problems.length > 0) {
    throw new InvalidFilesError(
      "Fix the files first: plan compares only valid profiles.",
      rules.problems,
    );
  }
  const pgbeam = context.client(config);
  const remote = await remoteProfiles(pgbeam, project);
  const local = new Map([...checked.profiles].map(([name, { input }]) => [name, input]));
  const result = plan(local, remote, prune);
  await recordETags(pgbeam, project, result.changes, remote);
  const { plan: approvalRules, remote: remoteRules } = await rules.against(pgbeam, project, prune);
  return { project, pgbeam, remote, remoteRules, plan: { ...result, approvalRules } };
}
