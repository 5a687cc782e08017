import type { Severity } from "@pgbeam/policies-validators";
import { type Command, Option } from "commander";
import { lintedRules } from "../approval-rules/linted-rules.js";
import { type CommandContext, example } from "../context.js";
import { exitCodes } from "../io.js";
import { checkFiles, formatLocated } from "../profiles/check-files.js";
import { exceeds, lintFiles, sarif } from "../profiles/lint-files.js";
import { policyFiles } from "../profiles/policy-files.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";
import { version } from "../version.js";

/** `lint`: the linter's findings; exit 1 on an invalid file or a finding above --max-severity. */
export function registerLint(root: Command, { io, out, paint, settings, runs }: CommandContext) {
  root
    .command("lint")
    .description("report risky or ineffective settings, with file positions")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["text", "json", "sarif"])
        .default("text"),
    )
    .addOption(
      new Option("--max-severity <severity>", "highest severity that still exits 0")
        .choices(["error", "warning", "info"])
        .default("warning"),
    )
    .addHelpText("after", example("lint --format sarif > pgbeam.sarif"))
    .action(
      runs((options: { format: string; maxSeverity: Severity }) => {
        const profiles = checkFiles(policyFiles(settings().dir, io.cwd));
        const checked = lintedRules(settings().dir, io.cwd, profiles, lintFiles(profiles));
        const findings = checked.findings;
        if (options.format === "json")
          out(JSON.stringify({ problems: checked.problems, findings }, null, 2));
        else if (options.format === "sarif") {
          out(JSON.stringify(sarif(findings, checked.problems, version), null, 2));
          if (checked.problems.length > 0)
            io.stderr(
              `pgbeam-policies: ${count(checked.problems.length, "problem")} in the files, in the SARIF log as errors (see validate).\n`,
            );
        } else {
          for (const problem of checked.problems) out(visible(formatLocated(problem)));
          const tone = { error: paint.red, warning: paint.yellow, info: paint.dim };
          for (const f of findings)
            out(
              `${visible(formatLocated(f))}  ${tone[f.severity](`${f.severity} ${f.code}`)}\n    → ${f.suggestion}`,
            );
          const invalid = checked.problems.length;
          out(
            invalid > 0
              ? paint.red(
                  `${count(invalid, "problem")}: lint reads only valid files, so fix ${invalid === 1 ? "it" : "them"} first (see validate); ${count(findings.length, "finding")} in the valid ones.`,
                )
              : `${count(findings.length, "finding")}.`,
          );
        }
        const failing =
          checked.problems.length > 0 || findings.some((f) => exceeds(f, options.maxSeverity));
        return failing ? exitCodes.error : exitCodes.ok;
      }),
    );
}
