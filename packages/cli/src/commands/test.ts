import { createEngine } from "@pgbeam/policies-engine";
import type { Command } from "commander";
import { type CommandContext, example } from "../context.js";
import { exitCodes } from "../io.js";
import { checkFiles, inLineOrder } from "../profiles/check-files.js";
import { policyFiles, testFiles } from "../profiles/policy-files.js";
import { runTests } from "../profiles/run-tests.js";
import { humanTestView, jsonTestView } from "../views/test-view.js";

/** `test`'s arguments, as commander parses them. */
interface TestArguments {
  json?: boolean;
}

/** Runs every test file, renders the outcome once, and returns the exit code. */
async function runTestFiles(context: CommandContext, args: TestArguments): Promise<number> {
  const { dir } = context.settings();
  const checked = checkFiles(policyFiles(dir, context.io.cwd));
  const engine = await createEngine();
  const { results, problems } = runTests(engine, testFiles(dir, context.io.cwd), checked);
  const allProblems = inLineOrder([...checked.problems, ...problems]);
  const failed = results.filter((r) => !r.passed).length;
  const view = args.json === true ? jsonTestView(context) : humanTestView(context);
  view({ results, problems: allProblems, passed: results.length - failed, failed });
  return failed > 0 || allProblems.length > 0 ? exitCodes.error : exitCodes.ok;
}

/** `test`: every NAME.test.yaml against profile NAME, offline; exit 1 on a failure or bad input. */
export function registerTest(root: Command, context: CommandContext) {
  root
    .command("test")
    .description("run every NAME.test.yaml against its profile, offline")
    .option("--json", "print the results as JSON")
    .addHelpText("after", example("test"))
    .action(context.runs((args: TestArguments) => runTestFiles(context, args)));
}
