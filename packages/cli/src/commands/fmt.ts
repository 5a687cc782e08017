import { basename, dirname } from "node:path";
import type { Command } from "commander";
import { formattedRule } from "../approval-rules/format-rule-file.js";
import { approvalRuleFiles } from "../approval-rules/rule-files.js";
import { type CommandContext, example } from "../context.js";
import { writeInside } from "../files/write-inside.js";
import { exitCodes } from "../io.js";
import { formatLocated, inLineOrder } from "../profiles/check-files.js";
import { formatted } from "../profiles/format.js";
import { type Located, type PolicyFile, policyFiles } from "../profiles/policy-files.js";
import { visible } from "../terminal/visible.js";
import { lineDiff } from "../text/line-diff.js";
import { count } from "../text/plural.js";

/** `fmt`: canonical field order, comments kept; `--check` shows the diff and exits 1 on any. */
export function registerFmt(root: Command, { io, out, paint, settings, runs }: CommandContext) {
  root
    .command("fmt")
    .description("rewrite profile and approval-rule files in canonical field order (comments kept)")
    .option("--check", "change nothing; show the diff of each file that would change, exit 1")
    .addHelpText("after", example("fmt --check"))
    .action(
      runs((options: { check?: boolean }) => {
        const { dir } = settings();
        const rules = new Set(approvalRuleFiles(dir, io.cwd));
        const files = [...policyFiles(dir, io.cwd), ...rules];
        const problems: Located[] = files.flatMap((file) => file.syntaxErrors);
        const changed: { file: PolicyFile; text: string }[] = [];
        for (const file of files.filter((f) => f.syntaxErrors.length === 0)) {
          const result = rules.has(file) ? formattedRule(file) : formatted(file);
          if ("problem" in result)
            problems.push({
              file: file.shownPath,
              message: result.problem,
              rule: "fmt-alias-order",
            });
          else if (result.text !== file.text) changed.push({ file, text: result.text });
        }
        for (const problem of inLineOrder(problems)) out(visible(formatLocated(problem)));
        for (const { file, text } of changed) {
          if (options.check) {
            out(paint.bold(visible(`${file.shownPath} is not formatted:`)));
            for (const line of lineDiff(
              file.text.replace(/\r\n/g, "\n"),
              text.replace(/\r\n/g, "\n"),
            ))
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
        const broken = new Set(problems.map((problem) => problem.file)).size;
        if (broken > 0)
          out(
            paint.red(`${count(broken, "file")} could not be read or formatted; left unchanged.`),
          );
        const failing = broken > 0 || (options.check === true && changed.length > 0);
        return failing ? exitCodes.error : exitCodes.ok;
      }),
    );
}
