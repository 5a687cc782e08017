import type { Command } from "commander";
import { checkRuleFiles } from "../approval-rules/check-rule-files.js";
import { approvalRuleFiles } from "../approval-rules/rule-files.js";
import { type CommandContext, example } from "../context.js";
import { exitCodes } from "../io.js";
import { checkFiles, formatLocated, inLineOrder } from "../profiles/check-files.js";
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
        const { dir } = settings();
        const { problems: profileProblems, profiles } = checkFiles(policyFiles(dir, io.cwd));
        const rules = checkRuleFiles(approvalRuleFiles(dir, io.cwd));
        const problems = inLineOrder([...profileProblems, ...rules.problems]);
        for (const problem of problems) out(visible(formatLocated(problem)));
        const ruleCount =
          rules.rules.size > 0 ? ` and ${count(rules.rules.size, "approval rule")}` : "";
        out(
          problems.length === 0
            ? paint.green(`${count(profiles.size, "profile")}${ruleCount} valid.`)
            : paint.red(`${count(problems.length, "problem")}.`),
        );
        return problems.length === 0 ? exitCodes.ok : exitCodes.error;
      }),
    );
}
