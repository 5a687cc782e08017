import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createPolicyClient, type PolicyClient, type PolicyProfile } from "@pgbeam/policies-client";
import { createEngine } from "@pgbeam/policies-engine";
import type { Severity } from "@pgbeam/policies-validators";
import { Command, CommanderError, Option } from "commander";
import { stringify } from "yaml";
import { formatted } from "./commands/fmt.js";
import { exceeds, lintFiles, sarif } from "./commands/lint.js";
import { createKey, fileFields, type PlanChange, plan } from "./commands/plan.js";
import { runTests } from "./commands/test-cases.js";
import { checkFiles, formatLocated } from "./commands/validate.js";
import { requireProject, type Settings, settings } from "./config.js";
import { type CliIo, colours, exitCodes, UsageError } from "./io.js";
import { policyFiles, testFiles } from "./policy-files.js";
import { version } from "./version.js";

interface GlobalFlags {
  dir?: string;
  project?: string;
  baseUrl?: string;
  debug?: boolean;
}

/** Builds the command-line program; each action sets `result.code`. */
export function program(io: CliIo, result: { code: number }): Command {
  const c = colours(io);
  const out = (line = "") => io.stdout(`${line}\n`);
  const root = new Command("pgbeam-policies")
    .description(
      "Policies as code for PgBeam: keep profiles in git, check them in review, apply them from CI.",
    )
    .version(version, "-v, --version")
    .option(
      "--dir <folder>",
      "folder of NAME.yaml profiles and NAME.test.yaml tests (default: policies)",
    )
    .option("--project <id>", "the PgBeam project (prj_…)")
    .option(
      "--base-url <url>",
      "API origin (default: PGBEAM_BASE_URL, else https://api.pgbeam.com)",
    )
    .option("--debug", "show stack traces of errors")
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .exitOverride()
    .addHelpText(
      "after",
      "\nCredentials come only from PGBEAM_API_KEY.\nExit codes: 0 ok, 1 findings or failed tests, 2 usage error (or changes, with plan --detailed-exitcode).",
    );
  const flags = (): Settings => settings(io, root.opts<GlobalFlags>());
  const example = (text: string) => `\nExample:\n  $ ${text}\n`;

  root
    .command("validate")
    .description("check every profile file against the API's schema")
    .addHelpText("after", example("pgbeam-policies validate --dir policies"))
    .action(() => {
      const { dir } = flags();
      const { problems, profiles } = checkFiles(policyFiles(dir, io.cwd));
      for (const problem of problems) out(formatLocated(problem));
      out(
        problems.length === 0
          ? c.green(`${profiles.size} profile(s) valid.`)
          : c.red(`${problems.length} problem(s).`),
      );
      result.code = problems.length === 0 ? exitCodes.ok : exitCodes.findings;
    });

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
    .addHelpText("after", example("pgbeam-policies lint --format sarif > pgbeam.sarif"))
    .action((options: { format: string; maxSeverity: Severity }) => {
      const { dir } = flags();
      const checked = checkFiles(policyFiles(dir, io.cwd));
      const findings = lintFiles(checked);
      if (options.format === "json")
        out(JSON.stringify({ problems: checked.problems, findings }, null, 2));
      else if (options.format === "sarif") out(JSON.stringify(sarif(findings, version), null, 2));
      else {
        for (const problem of checked.problems) out(formatLocated(problem));
        const paint = { error: c.red, warning: c.yellow, info: c.dim };
        for (const f of findings)
          out(
            `${formatLocated(f)}  ${paint[f.severity](`${f.severity} ${f.code}`)}\n    → ${f.suggestion}`,
          );
        out(`${findings.length} finding(s).`);
      }
      const failing =
        checked.problems.length > 0 || findings.some((f) => exceeds(f, options.maxSeverity));
      result.code = failing ? exitCodes.findings : exitCodes.ok;
    });

  root
    .command("test")
    .description("run every NAME.test.yaml against its profile, offline")
    .option("--json", "print the results as JSON")
    .addHelpText("after", example("pgbeam-policies test"))
    .action(async (options: { json?: boolean }) => {
      const { dir } = flags();
      const checked = checkFiles(policyFiles(dir, io.cwd));
      const engine = await createEngine();
      const { results, problems } = runTests(engine, testFiles(dir, io.cwd), checked);
      const allProblems = [...checked.problems, ...problems];
      const failed = results.filter((r) => !r.passed).length;
      if (options.json)
        out(
          JSON.stringify(
            { results, problems: allProblems, passed: results.length - failed, failed },
            null,
            2,
          ),
        );
      else {
        for (const problem of allProblems) out(formatLocated(problem));
        for (const r of results) {
          out(`${r.passed ? c.green("✓") : c.red("✗")} ${r.profile} › ${r.sql}`);
          if (!r.passed) {
            for (const key of Object.keys(r.expected)) {
              if (JSON.stringify(r.expected[key]) === JSON.stringify(r.actual[key])) continue;
              out(
                `    ${key}: ${c.green(`expected ${JSON.stringify(r.expected[key])}`)}, ${c.red(`got ${JSON.stringify(r.actual[key])}`)}`,
              );
            }
          }
        }
        out(`${results.length - failed} passed, ${failed} failed`);
      }
      result.code = failed > 0 || allProblems.length > 0 ? exitCodes.findings : exitCodes.ok;
    });

  root
    .command("eval")
    .description("judge one SQL statement against one profile, offline")
    .argument("<sql>", "the statement")
    .requiredOption("--policy <name>", "the profile (file name without extension)")
    .option("--json", "print the DryEvalResult as JSON")
    .addHelpText("after", example(`pgbeam-policies eval "DELETE FROM users" --policy support`))
    .action(async (sql: string, options: { policy: string; json?: boolean }) => {
      const { dir } = flags();
      const checked = checkFiles(
        policyFiles(dir, io.cwd).filter((file) => file.name === options.policy),
      );
      const profile = checked.profiles.get(options.policy);
      if (profile === undefined) {
        for (const problem of checked.problems) out(formatLocated(problem));
        throw new UsageError(
          checked.problems.length > 0
            ? `Profile ${options.policy} is invalid.`
            : `No profile ${options.policy} in ${dir}.`,
        );
      }
      const verdict = (await createEngine()).evaluate(sql, profile.input);
      if (options.json) out(JSON.stringify(verdict, null, 2));
      else {
        out(
          `${verdict.verdict === "block" ? c.red(verdict.verdict) : c.green(verdict.verdict)} (${verdict.rule}): ${verdict.reason}`,
        );
        if (verdict.hint) out(`  hint: ${verdict.hint}`);
        for (const column of verdict.masked_columns ?? [])
          out(`  masked: ${column.column} (${column.kind})`);
        if (verdict.rewritten_sql) out(`  rewritten: ${verdict.rewritten_sql}`);
        for (const note of verdict.notes ?? []) out(`  note: ${note}`);
      }
      result.code = exitCodes.ok;
    });

  root
    .command("fmt")
    .description("rewrite profile files in canonical field order (comments kept)")
    .option("--check", "change nothing; fail listing the files that would change")
    .addHelpText("after", example("pgbeam-policies fmt --check"))
    .action((options: { check?: boolean }) => {
      const { dir } = flags();
      const changed = policyFiles(dir, io.cwd).filter(
        (file) => file.syntaxErrors.length === 0 && formatted(file) !== file.text,
      );
      for (const file of changed) {
        if (options.check) out(`${file.shownPath} is not formatted`);
        else {
          writeFileSync(file.path, formatted(file));
          out(`formatted ${file.shownPath}`);
        }
      }
      result.code = options.check && changed.length > 0 ? exitCodes.findings : exitCodes.ok;
    });

  root
    .command("pull")
    .description("write the project's profiles into files")
    .addHelpText("after", example("pgbeam-policies pull --project prj_8Kx2mQ4vLp"))
    .action(async () => {
      const config = flags();
      const project = requireProject(config);
      let count = 0;
      for await (const profile of client(io, config).policies.listAllPolicyProfiles(project, {
        page_size: 100,
      })) {
        const path = join(config.dir, `${profile.name}.yaml`);
        writeFileSync(path, stringify(fileFields(profile), { lineWidth: 0 }));
        count++;
      }
      out(`wrote ${count} profile(s) to ${config.dir}`);
      result.code = exitCodes.ok;
    });

  const planned = async (config: Settings, prune: boolean) => {
    const project = requireProject(config);
    const checked = checkFiles(policyFiles(config.dir, io.cwd));
    if (checked.problems.length > 0) {
      for (const problem of checked.problems) out(formatLocated(problem));
      throw new UsageError("Fix the files first: plan compares only valid profiles.");
    }
    const pgbeam = client(io, config);
    const remote: PolicyProfile[] = [];
    for await (const profile of pgbeam.policies.listAllPolicyProfiles(project, { page_size: 100 }))
      remote.push(profile);
    const local = new Map([...checked.profiles].map(([name, { input }]) => [name, input]));
    return { project, pgbeam, changes: plan(local, remote, prune) };
  };
  const show = (changes: readonly PlanChange[]) => {
    for (const change of changes) {
      if (change.action === "create") out(c.green(`+ create  ${change.name}`));
      if (change.action === "delete") out(c.red(`- delete  ${change.name} (${change.id})`));
      if (change.action === "update") {
        out(c.yellow(`~ update  ${change.name} (${change.id})`));
        for (const f of change.changes)
          out(`    ${f.field}: ${JSON.stringify(f.from)} → ${JSON.stringify(f.to)}`);
      }
    }
    const count = (action: string) => changes.filter((change) => change.action === action).length;
    out(
      changes.length === 0
        ? "No changes: the project matches the files."
        : `Plan: ${count("create")} to create, ${count("update")} to update, ${count("delete")} to delete.`,
    );
  };

  root
    .command("plan")
    .description("show what apply would change in the project")
    .option("--prune", "also delete remote profiles that have no file")
    .option("--json", "print the plan as JSON")
    .option("--detailed-exitcode", "exit 2 when there are changes")
    .addHelpText(
      "after",
      example("pgbeam-policies plan --project prj_8Kx2mQ4vLp --detailed-exitcode"),
    )
    .action(async (options: { prune?: boolean; json?: boolean; detailedExitcode?: boolean }) => {
      const { changes } = await planned(flags(), options.prune === true);
      if (options.json) out(JSON.stringify({ changes }, null, 2));
      else show(changes);
      result.code = options.detailedExitcode && changes.length > 0 ? exitCodes.usage : exitCodes.ok;
    });

  root
    .command("apply")
    .description("carry out the plan (asks first unless --yes)")
    .option("--prune", "also delete remote profiles that have no file")
    .option("--yes", "do not ask")
    .addHelpText("after", example("pgbeam-policies apply --project prj_8Kx2mQ4vLp --yes"))
    .action(async (options: { prune?: boolean; yes?: boolean }) => {
      const { project, pgbeam, changes } = await planned(flags(), options.prune === true);
      show(changes);
      if (changes.length === 0) return;
      if (!options.yes) {
        if (io.confirm === undefined)
          throw new UsageError("Not on a terminal: pass --yes to apply without asking.");
        if (!(await io.confirm(`Apply ${changes.length} change(s) to ${project}?`))) {
          out("Nothing applied.");
          return;
        }
      }
      const done: string[] = [];
      for (const [index, change] of changes.entries()) {
        if (io.isTTY)
          io.stdout(c.dim(`[${index + 1}/${changes.length}] ${change.action} ${change.name}…\n`));
        try {
          if (change.action === "create")
            await pgbeam.policies.createPolicyProfile(project, change.input, {
              idempotencyKey: createKey(project, change.input),
            });
          if (change.action === "update")
            await pgbeam.policies.updatePolicyProfile(project, change.id, change.input);
          if (change.action === "delete")
            await pgbeam.policies.deletePolicyProfile(project, change.id);
        } catch (error) {
          const rest = changes.slice(index).map((ch) => `${ch.action} ${ch.name}`);
          out(c.red(`✗ ${change.action} ${change.name} failed: ${(error as Error).message}`));
          out(`Applied: ${done.length === 0 ? "nothing" : done.join(", ")}.`);
          out(`Not applied: ${rest.join(", ")}.`);
          result.code = exitCodes.findings;
          return;
        }
        done.push(`${change.action} ${change.name}`);
        out(c.green(`✓ ${change.action} ${change.name}`));
      }
      out(`Applied ${done.length} change(s).`);
    });

  return root;
}

function client(io: CliIo, config: Settings): PolicyClient {
  const apiKey = io.env.PGBEAM_API_KEY;
  if (apiKey === undefined || apiKey === "")
    throw new UsageError("No API key: set PGBEAM_API_KEY (it is never read from a flag).");
  return createPolicyClient({
    apiKey,
    ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
  });
}

/** Runs the program on `argv` (without node and script) and resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const result = { code: exitCodes.ok as number };
  const root = program(io, result);
  try {
    await root.parseAsync([...argv], { from: "user" });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    const debug = root.opts<GlobalFlags>().debug === true;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`pgbeam-policies: ${message}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return error instanceof UsageError ? exitCodes.usage : exitCodes.findings;
  }
}
