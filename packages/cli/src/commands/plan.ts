import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import { type CommandContext, example } from "../context.js";
import { writeInside } from "../files/write-inside.js";
import { exitCodes, UsageError } from "../io.js";
import { savedPlan } from "../profiles/saved-plan.js";
import { planned, showPlan } from "../remote/planned.js";
import { replayImpacts, showImpacts } from "../remote/replay-impact.js";
import { visible } from "../terminal/visible.js";
import { commandLine, shellWord } from "../text/command-line.js";
import { planReplayFrom } from "./plan-replay-from.js";

interface PlanOptions {
  prune?: boolean;
  json?: boolean;
  out?: string;
  detailedExitcode?: boolean;
  replay?: boolean;
  failOnNewlyBlocked?: boolean;
  replayFrom?: string;
  format?: string;
}

/**
 * `plan`: what apply would change, and with `--replay` what each update would do to the traffic
 * its profile governs. Exit 2 on changes only under `--detailed-exitcode`; exit 1 under
 * `--fail-on-newly-blocked` when an update would block statements its credentials ran.
 */
export function registerPlan(root: Command, context: CommandContext) {
  const { io, out, paint, settings, exit } = context;
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
    .action(async (options: PlanOptions) => {
      if (options.replayFrom !== undefined) return planReplayFrom(context, options);
      if (options.failOnNewlyBlocked && options.replay === false)
        throw new UsageError("--fail-on-newly-blocked needs the replays that --no-replay skips.");
      const { project, pgbeam, plan, remote } = await planned(
        context,
        settings(),
        options.prune === true,
      );
      const replay =
        options.replay ?? (options.json === true || options.failOnNewlyBlocked === true);
      const impacts = replay ? await replayImpacts(pgbeam, project, plan.changes) : [];
      if (options.json) out(JSON.stringify(replay ? { ...plan, replays: impacts } : plan, null, 2));
      else {
        showPlan(context, plan);
        showImpacts(context, impacts);
      }
      if (options.out !== undefined) {
        const path = resolve(io.cwd, options.out);
        const text = `${JSON.stringify(savedPlan(project, plan.changes, remote), null, 2)}\n`;
        writeInside(dirname(path), basename(path), text);
        if (!options.json)
          out(
            `Saved the plan to ${visible(options.out)}: ${visible(commandLine(`apply ${shellWord(options.out)}`))} carries out exactly this.`,
          );
      }
      const blocking = impacts.filter((impact) => impact.summary.newly_blocked > 0);
      if (options.failOnNewlyBlocked && blocking.length > 0) {
        if (!options.json)
          out(
            paint.red(
              `--fail-on-newly-blocked: ${blocking.map((i) => visible(i.name)).join(", ")} would block statements that ${blocking.length === 1 ? "its" : "their"} credentials ran.`,
            ),
          );
        return exit(exitCodes.error);
      }
      const changed = plan.changes.length > 0;
      exit(options.detailedExitcode && changed ? exitCodes.changes : exitCodes.ok);
    });
}
