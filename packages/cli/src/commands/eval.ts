import { relative } from "node:path";
import { createEngine } from "@pgbeam/policies-engine";
import type { Command } from "commander";
import { type CommandContext, example } from "../context.js";
import { exitCodes, UsageError } from "../io.js";
import { checkFiles, formatLocated } from "../profiles/check-files.js";
import { policyFiles } from "../profiles/policy-files.js";
import { visible } from "../terminal/visible.js";

/** `eval`: one statement against one profile, offline; exit 0 with the verdict, 1 on bad input. */
export function registerEval(root: Command, { io, out, paint, settings, runs }: CommandContext) {
  root
    .command("eval")
    .description("judge one SQL statement against one profile, offline")
    .argument("<sql>", "the statement")
    .requiredOption("--policy <name>", "the profile's name")
    .option("--json", "print the DryEvalResult as JSON")
    .addHelpText("after", example(`eval "DELETE FROM users" --policy support`))
    .action(
      runs(async (sql: string, options: { policy: string; json?: boolean }) => {
        const { dir } = settings();
        const checked = checkFiles(
          policyFiles(dir, io.cwd).filter((file) => file.name === options.policy),
        );
        const profile = checked.profiles.get(options.policy);
        if (profile === undefined) {
          for (const problem of checked.problems) out(visible(formatLocated(problem)));
          throw new UsageError(
            checked.problems.length > 0
              ? `--policy ${options.policy}: the profile is invalid.`
              : `--policy ${options.policy}: no such profile in ${relative(io.cwd, dir) || "."}.`,
          );
        }
        const verdict = (await createEngine()).evaluate(sql, profile.input);
        if (options.json) out(JSON.stringify(verdict, null, 2));
        else {
          const tone = verdict.verdict === "block" ? paint.red : paint.green;
          out(`${tone(verdict.verdict)} (${verdict.rule}): ${visible(verdict.reason)}`);
          if (verdict.hint) out(`  hint: ${visible(verdict.hint)}`);
          for (const column of verdict.masked_columns ?? [])
            out(visible(`  masked: ${column.column} (${column.kind})`));
          if (verdict.rewritten_sql) out(`  rewritten: ${visible(verdict.rewritten_sql)}`);
          for (const note of verdict.notes ?? []) out(`  note: ${visible(note)}`);
        }
        return exitCodes.ok;
      }),
    );
}
