import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { workspace } from "./helpers.js";

const execute = promisify(execFile);
const here = join(import.meta.dirname, "..");
const binOf = (packageDir: string) => {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  return join(packageDir, Object.values(manifest.bin as Record<string, string>)[0] as string);
};

/** The CLI's built bin. */
export const cliBin = binOf(here);
/** The emulator's built bin. */
export const mockBin = binOf(join(here, "node_modules/@pgbeam/policies-mock"));

/** The API key the emulator's bin accepts in these tests. */
export const binApiKey = "pgb_bin";

/** What a bin run ended with. */
export interface BinResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a bin run gets: PATH, the key and the emulator's URL, and `extra`. */
export const binEnv = (baseUrl: string, extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? "",
  PGBEAM_API_KEY: binApiKey,
  PGBEAM_BASE_URL: baseUrl,
  ...extra,
});

/** Runs the CLI's bin in `cwd`; resolves to its exit code and output (a non-zero exit is not thrown). */
export async function runBin(
  cwd: string,
  argv: string[],
  env: Record<string, string>,
): Promise<BinResult> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [cliBin, ...argv], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * The emulator's bin as a child process for this test file, started with `seed` (its `--seed`
 * file) and stopped after the last test; `bin` runs the CLI's bin against it.
 */
export function useMockBin(seed: object) {
  let server: ChildProcess | undefined;
  let baseUrl = "";
  beforeAll(async () => {
    const seedFile = join(workspace({}), "seed.json");
    writeFileSync(seedFile, JSON.stringify(seed));
    const child = spawn(process.execPath, [
      mockBin,
      ...["--port", "0", "--seed", seedFile, "--api-key", binApiKey],
    ]);
    server = child;
    baseUrl = await new Promise<string>((resolve, reject) => {
      let seen = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        seen += chunk.toString();
        const url = /listening on (\S+)/.exec(seen)?.[1];
        if (url) resolve(url);
      });
      child.once("exit", (code) => reject(new Error(`the mock exited with ${code}`)));
    });
  });
  afterAll(() => {
    server?.kill();
  });
  return {
    baseUrl: () => baseUrl,
    bin: (cwd: string, argv: string[], extraEnv: Record<string, string> = {}) =>
      runBin(cwd, argv, binEnv(baseUrl, extraEnv)),
  };
}
