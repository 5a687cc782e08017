import { randomUUID } from "node:crypto";
import type { Command } from "commander";
import { applyRuleChanges } from "../approval-rules/apply-rules.js";
import {
  type ApplyArguments,
  type ApplyFlags,
  applyArguments,
} from "../arguments/apply-arguments.js";
import { type CommandContext, example } from "../context.js";
import { exitCodes, UsageError } from "../io.js";
import { applyChanges } from "../remote/apply-changes.js";
import { failingDeletes } from "../remote/delete-checks.js";
import { planned } from "../remote/planned.js";
import { savedPlanToApply } from "../remote/saved-plan-to-apply.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";
import { showPlan } from "../views/show-plan.js";

/**
 * Shows the plan, refuses it when a delete is bound to fail, asks unless `--yes`, carries it out
 * and returns the exit code. Each apply run gets its own id, so its creates get their own keys.
 */
async function runApply(context: CommandContext, args: ApplyArguments): Promise<number> {
  const { io, out, paint } = context;
  const { project, pgbeam, plan, applyId } =
    args.planFile === undefined
      ? { ...(await planned(context, context.settings(), args.prune)), applyId: randomUUID() }
      : await savedPlanToApply(context, args.planFile);
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
  if (!args.yes) {
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
}

/**
 * `apply [PLAN_FILE]`: carries out the plan of the files, or exactly a saved plan (refused when
 * the project changed since). Asks on a terminal unless `--yes`; a "no" exits 1, as terraform.
 */
export function registerApply(root: Command, context: CommandContext) {
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
      context.runs((planFile: string | undefined, flags: ApplyFlags) =>
        runApply(context, applyArguments(planFile, flags)),
      ),
    );
}
