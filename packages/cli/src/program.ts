import { Command, CommanderError } from "commander";
import { cliWording } from "./client-wording.js";
import { registerApply } from "./commands/apply.js";
import { registerEval } from "./commands/eval.js";
import { registerFmt } from "./commands/fmt.js";
import { registerInit } from "./commands/init.js";
import { registerLint } from "./commands/lint.js";
import { registerPlan } from "./commands/plan.js";
import { registerPull } from "./commands/pull.js";
import { registerRecommend } from "./commands/recommend.js";
import { registerReplay } from "./commands/replay.js";
import { registerTest } from "./commands/test.js";
import { registerValidate } from "./commands/validate.js";
import { defaultTimeoutSeconds, type GlobalFlags, type Settings, settings } from "./config.js";
import { commandContext } from "./context.js";
import { type CliIo, exitCodes, InvalidFilesError } from "./io.js";
import { formatLocated } from "./profiles/check-files.js";
import { visible } from "./terminal/visible.js";
import { invocation } from "./text/command-line.js";
import { version } from "./version.js";
import { errorDocument } from "./views/error-document.js";

const exitCodeHelp = `
Credentials come only from PGBEAM_API_KEY.
Exit codes: 0 success; 1 an error (usage errors included), failed tests or findings;
2 only with plan --detailed-exitcode, when there are changes.`;

/** Builds the command-line program; each action sets `result.code`. */
export function program(io: CliIo, result: { code: number }): Command {
  const root = new Command(invocation)
    .description(
      "Policies as code for PgBeam: keep profiles in git, check them in review, apply them from CI.",
    )
    .version(version, "-v, --version")
    .option(
      "--dir <folder>",
      "folder of NAME.yaml profiles and NAME.test.yaml tests (default: policies)",
    )
    .option(
      "--project <id>",
      "the PgBeam project (prj_…; default: the config file, PGBEAM_PROJECT)",
    )
    .option(
      "--base-url <url>",
      "API origin (default: PGBEAM_BASE_URL, else https://api.pgbeam.com)",
    )
    .option("--allow-insecure-http", "allow a plain-http --base-url that is not loopback")
    .option(
      "--timeout <seconds>",
      `the most one API call may take, retries included (default: PGBEAM_TIMEOUT, else ${defaultTimeoutSeconds})`,
    )
    .option("--debug", "show the stack of an error")
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .exitOverride()
    .showSuggestionAfterError()
    .addHelpText("afterAll", exitCodeHelp);
  const context = commandContext(io, root, result);
  for (const register of [
    registerInit,
    registerValidate,
    registerLint,
    registerTest,
    registerEval,
    registerFmt,
    registerPull,
    registerRecommend,
    registerReplay,
    registerPlan,
    registerApply,
  ])
    register(root, context);
  return root;
}

// terraform spells the saved-plan flag `-out FILE`; commander reads `--out`.
const terraformSpellings = (argv: readonly string[]) =>
  argv.map((arg) => (arg === "-out" ? "--out" : arg.startsWith("-out=") ? `-${arg}` : arg));

/** The settings, when they can be read (an error about them is being reported otherwise). */
function settingsIfValid(io: CliIo, root: Command): Settings | undefined {
  try {
    return settings(io, root.opts<GlobalFlags>());
  } catch {
    return undefined;
  }
}

/** Runs the program on `argv` (without node and script) and resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const result = { code: exitCodes.ok as number };
  const root = program(io, result);
  // The view is chosen once, from the command's parsed options: JSON errors go with JSON output.
  let view = "text" as "text" | "json";
  root.hook("preAction", (_root, action) => {
    const options = action.opts<{ json?: boolean; format?: string }>();
    if (options.json === true || options.format === "json") view = "json";
  });
  try {
    await root.parseAsync(terraformSpellings(argv), { from: "user" });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError)
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.error;
    const debug = root.opts<GlobalFlags>().debug === true;
    const config = settingsIfValid(io, root);
    if (view === "json") {
      io.stdout(`${JSON.stringify(errorDocument(error, config), null, 2)}\n`);
      return exitCodes.error;
    }
    if (error instanceof InvalidFilesError)
      for (const problem of error.problems) io.stdout(`${visible(formatLocated(problem))}\n`);
    io.stderr(`pgbeam-policies: ${visible(cliWording(error, config))}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${visible(error.stack)}\n`);
    return exitCodes.error;
  }
}
