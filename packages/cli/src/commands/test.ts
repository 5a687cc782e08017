import { createEngine } from "@pgbeam/policies-engine";
import type { Command } from "commander";
import { type CommandContext, example } from "../context.js";
import { exitCodes } from "../io.js";
import { checkFiles, formatLocated, inLineOrder } from "../profiles/check-files.js";
import { policyFiles, testFiles } from "../profiles/policy-files.js";
import { runTests } from "../profiles/run-tests.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";

/** `test`: every NAME.test.yaml against profile NAME, offline; exit 1 on a failure or bad input. */
export function registerTest(root: Command, { io, out, paint, settings, runs }: CommandContext) {
  root
    .command("test")
    .description("run every NAME.test.yaml against its profile, offline")
    .option("--json", "print the results as JSON")
    .addHelpText("after", example("test"))
    .action(
      runs(async (options: { json?: boolean }) => {
        const { dir } = settings();
        const checked = checkFiles(policyFiles(dir, io.cwd));
        const engine = await createEngine();
        const { results, problems } = runTests(engine, testFiles(dir, io.cwd), checked);
        const allProblems = inLineOrder([...checked.problems, ...problems]);
        const failed = results.filter((r) => !r.passed).length;
        const passed = results.length - failed;
        if (options.json)
          out(JSON.stringify({ results, problems: allProblems, passed, failed }, null, 2));
        else {
          for (const problem of allProblems) out(visible(formatLocated(problem)));
          for (const r of results) {
            out(
              `${r.passed ? paint.green("✓") : paint.red("✗")} ${visible(`${r.profile} › ${r.sql}`)}`,
            );
            if (r.passed) continue;
            for (const key of Object.keys(r.expected)) {
              if (JSON.stringify(r.expected[key]) === JSON.stringify(r.actual[key])) continue;
              out(
                `    ${key}: ${paint.green(`expected ${JSON.stringify(r.expected[key])}`)}, ${paint.red(`got ${JSON.stringify(r.actual[key])}`)}`,
              );
            }
            out(
              visible(`    actual: ${r.outcome.verdict} (${r.outcome.rule}): ${r.outcome.reason}`),
            );
          }
          const summary = `${passed} passed, ${failed} failed`;
          out(
            allProblems.length > 0
              ? `${summary}; ${count(allProblems.length, "problem")} in the files.`
              : summary,
          );
        }
        return failed > 0 || allProblems.length > 0 ? exitCodes.error : exitCodes.ok;
      }),
    );
}
