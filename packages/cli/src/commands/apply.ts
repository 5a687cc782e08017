import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { applyRuleChanges } from "../approval-rules/apply-rules.js";
import { savedRulesNow } from "../approval-rules/saved-rules-now.js";
import { requireProject } from "../config.js";
import { type CommandContext, example } from "../context.js";
import { exitCodes, UsageError } from "../io.js";
import type { Plan } from "../profiles/plan-changes.js";
import { readSavedPlan } from "../profiles/saved-plan.js";
import { changesToApply, staleness } from "../profiles/saved-plan-check.js";
import { applyChanges } from "../remote/apply-changes.js";
import { failingDeletes } from "../remote/delete-checks.js";
import { planned } from "../remote/planned.js";
import { remoteProfiles } from "../remote/remote-profiles.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";
import { showPlan } from "../views/show-plan.js";

/**
 * `apply [PLAN_FILE]`: carries out the plan of the files, or exactly a saved plan (refused when
 * the project changed since). Asks on a terminal unless `--yes`; a "no" exits 1, as terraform.
 */
export function registerApply(root: Command, context: CommandContext) {
  const { io, out, paint, settings, client, runs } = context;
  const fromFile = async (file: string, prune: boolean) => {
    if (prune)
      throw new UsageError(
        "--prune: a saved plan already says what it deletes; plan --prune --out FILE.",
      );
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
  };
  root
    .command("apply")
    .description("carry out the plan of the files, or a saved plan (asks first unless --yes)")
    .argument("[plan-file]", "a plan saved by plan --out FILE: applied exactly, refused when stale")
    .option("--prune", "also delete remote profiles that have no file")
    .option("--yes", "do not ask")
    .addHelpText(
      "after",
      example("apply --project prj_8Kx2mQ4vLp --yes", "apply reviewed.plan --yes"),
    )
    .action(
      runs(async (planFile: string | undefined, options: { prune?: boolean; yes?: boolean }) => {
        const prune = options.prune === true;
        const { project, pgbeam, plan, applyId } =
          planFile === undefined
            ? { ...(await planned(context, settings(), prune)), applyId: randomUUID() }
            : await fromFile(planFile, prune);
        const failing = await failingDeletes(pgbeam, project, plan.changes);
        showPlan(context, plan, failing);
        const ruleChanges = plan.approvalRules?.changes ?? [];
        const total = plan.changes.length + ruleChanges.length;
        if (total === 0) return exitCodes.ok;
        if (failing.length > 0) {
          out(
            paint.red(
              `Nothing applied: the API would refuse to delete ${failing.map((d) => visible(d.name)).join(", ")} while credentials are bound to ${failing.length === 1 ? "it" : "them"}.`,
            ),
          );
          return exitCodes.error;
        }
        if (options.yes !== true) {
          if (io.confirm === undefined)
            throw new UsageError("Not on a terminal: pass --yes to apply without asking.");
          const question = `Apply ${count(total, "change")} to ${project}?`;
          if (!(await io.confirm(question))) {
            out("Nothing applied.");
            return exitCodes.error;
          }
        }
        if (plan.changes.length > 0) {
          const code = await applyChanges(context, pgbeam, project, plan.changes, applyId);
          if (code !== exitCodes.ok || ruleChanges.length === 0) return code;
        }
        return applyRuleChanges(context, pgbeam, project, ruleChanges, applyId);
      }),
    );
}
