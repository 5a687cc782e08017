import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import { savedRules } from "../approval-rules/saved-rules.js";
import { type PlanArguments, type PlanFlags, planArguments } from "../arguments/plan-arguments.js";
import { type CommandContext, example } from "../context.js";
import { writeInside } from "../files/write-inside.js";
import { exitCodes } from "../io.js";
import { savedPlan } from "../profiles/saved-plan.js";
import { failingDeletes } from "../remote/delete-checks.js";
import { planned } from "../remote/planned.js";
import { provesNothing, replayImpacts } from "../remote/replay-impact.js";
import { humanPlanView, jsonPlanView } from "../views/plan-view.js";
import { planReplayFrom } from "./plan-replay-from.js";

/**
 * `plan`: what apply would change, and with `--replay` what each update would do to the traffic
 * its profile governs. Exit 2 on changes only under `--detailed-exitcode`; exit 1 under
 * `--fail-on-newly-blocked` when an update would block statements its credentials ran.
 */
export function registerPlan(root: Command, context: CommandContext) {
  const { runs } = context;
  root
    .command("plan")
    .description("show what apply would change in the project")
    .option("--prune", "also delete remote profiles that have no file")
    .option("--json", "print the plan as JSON (with the replays unless --no-replay)")
    .option("--out <file>", "save the plan for apply FILE (terraform's -out also works)")
    .option("--detailed-exitcode", "exit 0 with no changes, 2 with changes, 1 on an error")
    .option(
      "--replay",
      "replay each update against the recorded traffic of the credentials bound to the live profile",
    )
    .option("--no-replay", "skip the replays (with --json or --fail-on-newly-blocked)")
    .option("--fail-on-newly-blocked", "replay, and exit 1 when an update blocks recorded traffic")
    .option("--replay-from <file>", "offline: replay every profile against an audit-log export")
    .option(
      "--format <format>",
      "with --replay-from: text, json or markdown (a pull-request comment)",
    )
    .addHelpText(
      "after",
      example(
        "plan --replay --fail-on-newly-blocked --detailed-exitcode",
        "plan -out reviewed.plan",
        "apply reviewed.plan",
      ),
    )
    .action(
      runs((flags: PlanFlags) =>
        flags.replayFrom !== undefined
          ? planReplayFrom(context, flags)
          : runPlan(context, planArguments(flags)),
      ),
    );
}

/** Makes the plan, replays and saves it as asked, renders it once, and returns the exit code. */
async function runPlan(context: CommandContext, args: PlanArguments): Promise<number> {
  const { project, pgbeam, plan, remote, remoteRules } = await planned(
    context,
    context.settings(),
    args.prune,
  );
  const impacts = args.replay ? await replayImpacts(pgbeam, project, plan.changes) : undefined;
  const failing = await failingDeletes(pgbeam, project, plan.changes);
  if (args.out !== undefined) {
    const path = resolve(context.io.cwd, args.out);
    const rules = plan.approvalRules && savedRules(plan.approvalRules, remoteRules);
    const text = `${JSON.stringify(savedPlan(project, plan.changes, remote, new Date(), rules), null, 2)}\n`;
    writeInside(dirname(path), basename(path), text);
  }
  const blocking = (impacts ?? []).filter((impact) => impact.summary.newly_blocked > 0);
  const view = args.view === "json" ? jsonPlanView(context) : humanPlanView(context);
  view({
    plan,
    failing,
    impacts,
    savedTo: args.out,
    blocking,
    vacuous: (impacts ?? []).filter(provesNothing),
    failOnNewlyBlocked: args.failOnNewlyBlocked,
  });
  if (args.failOnNewlyBlocked && blocking.length > 0) return exitCodes.error;
  const changed = plan.changes.length + (plan.approvalRules?.changes.length ?? 0) > 0;
  return args.detailedExitcode && changed ? exitCodes.changes : exitCodes.ok;
}
