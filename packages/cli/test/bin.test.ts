// End to end through the real bin against the emulator's own bin, both as child processes.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { workspace } from "./helpers.js";

const run = promisify(execFile);
const here = join(import.meta.dirname, "..");
const binOf = (packageDir: string) => {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  return join(packageDir, Object.values(manifest.bin as Record<string, string>)[0] as string);
};
const cliBin = binOf(here);
const mockBin = binOf(join(here, "node_modules/@pgbeam/policies-mock"));
const project = "prj_8Kx2mQ4vLp";
/** A project whose live profile has a credential bound to it, with that credential's traffic. */
const replayed = "prj_replayed";
const tickets = { access_mode: "read_write", table_allowlist: ["public.tickets"] };

let server: ChildProcess;
let baseUrl = "";

beforeAll(async () => {
  const seed = join(workspace({}), "seed.json");
  writeFileSync(
    seed,
    JSON.stringify({
      projects: {
        [project]: [{ name: "support", max_rows: 10 }],
        [replayed]: [{ name: "support", ...tickets }],
      },
      traffic: {
        [replayed]: [
          { sql: "DELETE FROM public.tickets WHERE id = 7", credential_id: "agt_support" },
          { sql: "SELECT id FROM public.tickets", credential_id: "agt_support" },
        ],
      },
      attachments: { [replayed]: { support: ["agt_support"] } },
    }),
  );
  server = spawn(process.execPath, [
    mockBin,
    "--port",
    "0",
    "--seed",
    seed,
    "--api-key",
    "pgb_bin",
  ]);
  baseUrl = await new Promise<string>((resolve, reject) => {
    let seen = "";
    server.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const url = /listening on (\S+)/.exec(seen)?.[1];
      if (url) resolve(url);
    });
    server.once("exit", (code) => reject(new Error(`the mock exited with ${code}`)));
  });
});
afterAll(() => {
  server.kill();
});

/** Runs the CLI's bin; resolves to its exit code and output (a non-zero exit is not thrown). */
async function bin(cwd: string, argv: string[]) {
  const env = { PATH: process.env.PATH ?? "", PGBEAM_API_KEY: "pgb_bin", PGBEAM_BASE_URL: baseUrl };
  try {
    const { stdout, stderr } = await run(process.execPath, [cliBin, ...argv], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the bin against the emulator's bin", () => {
  test("a concurrent edit between plan and apply is refused with nothing overwritten", async () => {
    const cwd = workspace({
      "pgbeam-policies.config.json": JSON.stringify({ project }),
      "support.yaml": "max_rows: 20\n",
    });
    expect((await bin(cwd, ["plan", "--detailed-exitcode", "-out", "reviewed.plan"])).code).toBe(2);
    const other = workspace({
      "pgbeam-policies.config.json": JSON.stringify({ project }),
      "support.yaml": "max_rows: 30\n",
    });
    expect((await bin(other, ["apply", "--yes"])).code).toBe(0);
    const stale = await bin(cwd, ["apply", "reviewed.plan", "--yes"]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/✗ support \(pol_\w+\) was changed after the plan/);
    expect(stale.stderr).toContain("nothing applied; run plan again");
    const now = await bin(other, ["plan", "--detailed-exitcode"]);
    expect(now).toMatchObject({ code: 0 });

    expect((await bin(cwd, ["plan", "-out", "reviewed.plan"])).code).toBe(0);
    const applied = await bin(cwd, ["apply", "reviewed.plan", "--yes"]);
    expect(applied).toMatchObject({ code: 0 });
    expect(applied.stdout).toContain("Applied 1 change.");
    expect((await bin(cwd, ["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  test("plan --replay --fail-on-newly-blocked exits 1 when an update blocks a bound credential's traffic", async () => {
    const cwd = workspace({
      "pgbeam-policies.config.json": JSON.stringify({ project: replayed }),
      "support.yaml": "access_mode: read_only\ntable_allowlist: [public.tickets]\n",
    });
    const blocked = await bin(cwd, ["plan", "--replay", "--fail-on-newly-blocked"]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).not.toContain("no credential is bound");
    expect(blocked.stdout).toContain("from the 1 credential bound to it; 1 newly blocked");
    expect(blocked.stdout).toContain("newly blocked ×1  DELETE FROM public.tickets WHERE id = $1");
    expect(blocked.stdout).toContain(
      "--fail-on-newly-blocked: support would block statements that its credentials ran.",
    );
    const same = workspace({
      "pgbeam-policies.config.json": JSON.stringify({ project: replayed }),
      "support.yaml": "access_mode: read_write\ntable_allowlist: [public.tickets]\nmax_rows: 50\n",
    });
    expect(await bin(same, ["plan", "--replay", "--fail-on-newly-blocked"])).toMatchObject({
      code: 0,
    });
  });
});
