import { type Severity, severityOrder } from "@pgbeam/policies-validators";
import { type Command, Option } from "commander";
import { lintedRules } from "../approval-rules/linted-rules.js";
import { type CommandContext, example } from "../context.js";
import { exitCodes } from "../io.js";
import { checkFiles } from "../profiles/check-files.js";
import { exceeds, lintFiles } from "../profiles/lint-files.js";
import { policyFiles } from "../profiles/policy-files.js";
import { type LintFormat, lintViews } from "../views/lint-view.js";

/** `lint`'s arguments, as commander parses them (its choices are checked there). */
interface LintArguments {
  format: LintFormat;
  maxSeverity: Severity;
}

/** Lints every valid file, renders the outcome in the chosen format, and returns the exit code. */
function runLint(context: CommandContext, args: LintArguments): number {
  const { dir } = context.settings();
  const profiles = checkFiles(policyFiles(dir, context.io.cwd));
  const checked = lintedRules(dir, context.io.cwd, profiles, lintFiles(profiles));
  const findings = checked.findings;
  lintViews[args.format](context)({ problems: checked.problems, findings });
  const failing = checked.problems.length > 0 || findings.some((f) => exceeds(f, args.maxSeverity));
  return failing ? exitCodes.error : exitCodes.ok;
}

/** `lint`: the linter's findings; exit 1 on an invalid file or a finding above --max-severity. */
export function registerLint(root: Command, context: CommandContext) {
  root
    .command("lint")
    .description("report risky or ineffective settings, with file positions")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(Object.keys(lintViews))
        .default("text"),
    )
    .addOption(
      new Option("--max-severity <severity>", "highest severity that still exits 0")
        .choices([...severityOrder])
        .default("warning"),
    )
    .addHelpText("after", example("lint --format sarif > pgbeam.sarif"))
    .action(context.runs((args: LintArguments) => runLint(context, args)));
}
