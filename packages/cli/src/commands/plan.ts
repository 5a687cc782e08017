import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import { type CommandContext, example } from "../context.js";
import { writeInside } from "../files/write-inside.js";
import { exitCodes } from "../io.js";
import { savedPlan } from "../profiles/saved-plan.js";
import { planned, showPlan } from "../remote/planned.js";
import { visible } from "../terminal/visible.js";

/** `plan`: what apply would change; exit 2 on changes only under `--detailed-exitcode`. */
export function registerPlan(root: Command, context: CommandContext) {
  const { io, out, settings, exit } = context;
  root
    .command("plan")
    .description("show what apply would change in the project")
    .option("--prune", "also delete remote profiles that have no file")
    .option("--json", "print the plan as JSON")
    .option("--out <file>", "save the plan for apply FILE (terraform's -out also works)")
    .option("--detailed-exitcode", "exit 0 with no changes, 2 with changes, 1 on an error")
    .addHelpText(
      "after",
      example(
        "pgbeam-policies plan --project prj_8Kx2mQ4vLp --detailed-exitcode",
        "pgbeam-policies plan -out reviewed.plan && pgbeam-policies apply reviewed.plan",
      ),
    )
    .action(
      async (options: {
        prune?: boolean;
        json?: boolean;
        out?: string;
        detailedExitcode?: boolean;
      }) => {
        const { project, plan, remote } = await planned(
          context,
          settings(),
          options.prune === true,
        );
        if (options.json) out(JSON.stringify(plan, null, 2));
        else showPlan(context, plan);
        if (options.out !== undefined) {
          const path = resolve(io.cwd, options.out);
          writeInside(
            dirname(path),
            basename(path),
            `${JSON.stringify(savedPlan(project, plan.changes, remote), null, 2)}\n`,
          );
          if (!options.json)
            out(
              `Saved the plan to ${visible(options.out)}: pgbeam-policies apply ${visible(options.out)} carries out exactly this.`,
            );
        }
        const changed = plan.changes.length > 0;
        exit(options.detailedExitcode && changed ? exitCodes.changes : exitCodes.ok);
      },
    );
}
