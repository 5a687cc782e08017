import { basename, dirname } from "node:path";
import type { Command } from "commander";
import { type CommandContext, example } from "../context.js";
import { writeInside } from "../files/write-inside.js";
import { exitCodes } from "../io.js";
import { formatLocated } from "../profiles/check-files.js";
import { formatted } from "../profiles/format.js";
import { policyFiles } from "../profiles/policy-files.js";
import { visible } from "../terminal/visible.js";
import { lineDiff } from "../text/line-diff.js";
import { count } from "../text/plural.js";

/** `fmt`: canonical field order, comments kept; `--check` shows the diff and exits 1 on any. */
export function registerFmt(root: Command, { io, out, paint, settings, exit }: CommandContext) {
  root
    .command("fmt")
    .description("rewrite profile files in canonical field order (comments kept)")
    .option("--check", "change nothing; show the diff of each file that would change, exit 1")
    .addHelpText("after", example("fmt --check"))
    .action((options: { check?: boolean }) => {
      const files = policyFiles(settings().dir, io.cwd);
      const broken = files.filter((file) => file.syntaxErrors.length > 0);
      for (const problem of broken.flatMap((file) => file.syntaxErrors))
        out(visible(formatLocated(problem)));
      const changed = files
        .filter((file) => file.syntaxErrors.length === 0)
        .map((file) => ({ file, text: formatted(file) }))
        .filter(({ file, text }) => text !== file.text);
      for (const { file, text } of changed) {
        if (options.check) {
          out(paint.bold(visible(`${file.shownPath} is not formatted:`)));
          for (const line of lineDiff(file.text, text))
            out(
              (line.startsWith("-") ? paint.red : line.startsWith("+") ? paint.green : String)(
                visible(line),
              ),
            );
        } else {
          writeInside(dirname(file.path), basename(file.path), text);
          out(visible(`formatted ${file.shownPath}`));
        }
      }
      if (broken.length > 0)
        out(
          paint.red(`${count(broken.length, "file")} could not be read as YAML; left unchanged.`),
        );
      const failing = broken.length > 0 || (options.check === true && changed.length > 0);
      exit(failing ? exitCodes.error : exitCodes.ok);
    });
}
