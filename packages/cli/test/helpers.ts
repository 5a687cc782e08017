import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { type CliIo, run } from "../src/index.js";

/** The prefix of every temporary folder the CLI's tests make (the leftover check looks for it). */
export const workspacePrefix = "pgbeam-cli-";

const made: string[] = [];
// Every folder `workspace` made is removed when the test file that made it ends.
afterAll(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * A throw-away working directory: config files at its root, every other file in `policies/`.
 * Removed after the test file's last test.
 */
export function workspace(files: Record<string, string>): string {
  const parent = process.env.PGBEAM_CLI_TEST_TMP ?? tmpdir();
  const cwd = mkdtempSync(join(parent, workspacePrefix));
  made.push(cwd);
  mkdirSync(join(cwd, "policies"));
  for (const [name, text] of Object.entries(files)) {
    const atRoot = name.startsWith("pgbeam-policies.config");
    writeFileSync(join(cwd, atRoot ? name : join("policies", name)), text);
  }
  return cwd;
}

/** Runs the CLI in-process and returns its exit code and output. */
export async function cli(
  cwd: string,
  argv: string[],
  options: {
    env?: Record<string, string>;
    isTTY?: boolean;
    /** The answer to apply's question, or a function run while the question is open. */
    answer?: boolean | (() => Promise<boolean>);
  } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    cwd,
    isTTY: options.isTTY ?? false,
    ...(options.answer === undefined
      ? {}
      : {
          confirm: async () =>
            typeof options.answer === "function" ? options.answer() : (options.answer as boolean),
        }),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
