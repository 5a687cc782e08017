import { existsSync, mkdirSync } from "node:fs";
import { relative } from "node:path";
import type { Command } from "commander";
import { requireProject } from "../config.js";
import { type CommandContext, example } from "../context.js";
import { writeInside } from "../files/write-inside.js";
import { exitCodes } from "../io.js";
import { commandLine } from "../text/command-line.js";

const profile = `# A support agent: reads tickets and customers, never sees a raw e-mail address.
access_mode: read_only
table_allowlist:
  - public.tickets
  - public.customers
masking_rules:
  - table: public.customers
    column: email
    kind: redact
budget_queries_per_hour: 1000
max_rows: 500
`;

const tests = `# Each case runs offline on the PostgreSQL parser: ${commandLine("test")}
- sql: SELECT id, subject FROM public.tickets
  expect: { verdict: allow }
- sql: SELECT email FROM public.customers
  expect: { verdict: mask, masked_columns: ["email:redact"] }
- sql: DELETE FROM public.tickets WHERE id = 1
  expect: { verdict: block, rule: read_only }
`;

/** `init`: a policies folder with an example profile and its tests, and a config file. */
export function registerInit(root: Command, { io, out, settings, runs }: CommandContext) {
  root
    .command("init")
    .description("scaffold a policies folder, an example profile with tests, and a config file")
    .addHelpText("after", example("init --project prj_8Kx2mQ4vLp"))
    .action(
      runs(() => {
        const config = settings();
        if (config.project !== undefined) requireProject(config);
        const dir = relative(io.cwd, config.dir) || ".";
        const configText = `${JSON.stringify(
          { ...(config.project === undefined ? {} : { project: config.project }), dir },
          null,
          2,
        )}\n`;
        mkdirSync(config.dir, { recursive: true });
        const files: [folder: string, name: string, text: string, shown: string][] = [
          [io.cwd, "pgbeam-policies.config.json", configText, "pgbeam-policies.config.json"],
          [config.dir, "support.yaml", profile, `${dir}/support.yaml`],
          [config.dir, "support.test.yaml", tests, `${dir}/support.test.yaml`],
        ];
        for (const [folder, name, text, shown] of files) {
          if (existsSync(`${folder}/${name}`)) {
            out(`  ${shown} exists: left as it is`);
            continue;
          }
          writeInside(folder, name, text);
          out(`+ ${shown}`);
        }
        out(
          `Next: ${commandLine("validate")} && ${commandLine("test")}${config.project === undefined ? "; add your project id to pgbeam-policies.config.json" : ""}.`,
        );
        return exitCodes.ok;
      }),
    );
}
