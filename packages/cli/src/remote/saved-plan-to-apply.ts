import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { savedRulesNow } from "../approval-rules/saved-rules-now.js";
import { requireProject } from "../config.js";
import type { CommandContext } from "../context.js";
import { UsageError } from "../io.js";
import type { Plan } from "../profiles/plan-changes.js";
import { readSavedPlan } from "../profiles/saved-plan.js";
import { changesToApply, staleness } from "../profiles/saved-plan-check.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";
import { remoteProfiles } from "./remote-profiles.js";

/**
 * The saved plan in `file`, ready to apply: read, checked (not edited, this CLI's version, this
 * project) and compared with the project as listed now, which must not have changed where the
 * plan touches it. Its update diffs are computed from what will be sent against that listing.
 */
export async function savedPlanToApply(context: CommandContext, file: string) {
  const { io, out, paint, settings, client } = context;
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new UsageError(
      `PLAN_FILE ${file}: ${missing ? "no such file (write one with plan --out FILE)" : (error as Error).message}.`,
    );
  }
  const saved = readSavedPlan(text);
  if (typeof saved === "string") throw new UsageError(`PLAN_FILE ${file}: ${saved}.`);
  const config = settings();
  if (config.project !== undefined && config.project !== saved.project)
    throw new UsageError(`--project ${config.project}: the plan was made for ${saved.project}.`);
  const project = requireProject({ ...config, project: saved.project });
  const pgbeam = client(config);
  const remote = await remoteProfiles(pgbeam, project);
  const rules = await savedRulesNow(pgbeam, saved);
  const stale = [...staleness(saved, remote), ...rules.stale];
  if (stale.length > 0) {
    for (const line of stale) out(paint.red(`✗ ${visible(line)}`));
    throw new UsageError(
      `The saved plan is stale (${rules.stale.length === 0 ? count(stale.length, "profile") : count(stale.length, "profile or approval rule", "profiles or approval rules")} changed since it was made): nothing applied; run plan again.`,
    );
  }
  const plan: Plan = {
    changes: changesToApply(saved, remote),
    unmanaged: [],
    ...(rules.plan === undefined ? {} : { approvalRules: rules.plan }),
  };
  return { project, pgbeam, plan, applyId: saved.plan_id };
}
