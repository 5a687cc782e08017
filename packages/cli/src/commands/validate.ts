import type { Command } from "commander";
import { type CommandContext, example } from "../context.js";
import { exitCodes } from "../io.js";
import { checkFiles, formatLocated } from "../profiles/check-files.js";
import { policyFiles } from "../profiles/policy-files.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";

/** `validate`: every profile file against the API's schema; exit 1 on any problem. */
export function registerValidate(
  root: Command,
  { io, out, paint, settings, runs }: CommandContext,
) {
  root
    .command("validate")
    .description("check every profile file against the API's schema, as file:line:col")
    .addHelpText("after", example("validate --dir policies"))
    .action(
      runs(() => {
        const { problems, profiles } = checkFiles(policyFiles(settings().dir, io.cwd));
        for (const problem of problems) out(visible(formatLocated(problem)));
        out(
          problems.length === 0
            ? paint.green(`${count(profiles.size, "profile")} valid.`)
            : paint.red(`${count(problems.length, "problem")}.`),
        );
        return problems.length === 0 ? exitCodes.ok : exitCodes.error;
      }),
    );
}
