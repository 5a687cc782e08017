// Ctrl-C during apply, as terraform: the first lets the request in flight finish and stops before
// the next; the second exits at once. The real bin against a slow emulator on loopback.
import { spawn } from "node:child_process";
import { describe, expect, test } from "vitest";
import { interruptNotice } from "../src/terminal/interrupt.js";
import { binEnv, cliBin } from "./bin-env.js";
import { workspace } from "./helpers.js";
import { config, useMock } from "./mock-env.js";

const { mock, env, storedNames } = useMock();

/** The bin applying three creates, the first answered slowly; `interrupts` SIGINTs once it is in flight. */
async function interruptedApply(interrupts: number) {
  const cwd = workspace({ ...config, "a.yaml": "", "b.yaml": "", "c.yaml": "" });
  mock.faults.next("createPolicyProfile", { delayMs: 3_000 });
  const child = spawn(process.execPath, [cliBin, "apply", "--yes"], {
    cwd,
    env: binEnv(env().PGBEAM_BASE_URL as string, { PGBEAM_API_KEY: "pgb_cli" }),
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number>((resolve) =>
    child.once("exit", (code) => resolve(code ?? -1)),
  );
  // The slow answer's fault is taken when the first create reaches the emulator.
  while (mock.faults.pending("createPolicyProfile") > 0)
    await new Promise((resolve) => setTimeout(resolve, 20));
  for (let sent = 0; sent < interrupts; sent++) {
    child.kill("SIGINT");
    while (!stderr.includes(interruptNotice)) await new Promise((r) => setTimeout(r, 20));
  }
  return { code: await exited, stdout, stderr };
}

describe("Ctrl-C during apply", () => {
  test("the first finishes the request in flight, stops before the next and says what was applied", async () => {
    const run = await interruptedApply(1);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(interruptNotice);
    expect(run.stdout).toContain("✓ create a\n✗ Interrupted: stopped before create b.\n");
    expect(run.stdout).toContain("Applied: create a.\nNot applied: create b, create c.\n");
    expect(storedNames()).toEqual(["a"]);
  });

  test("a second exits at once, before the request in flight is answered", async () => {
    const run = await interruptedApply(2);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Second interrupt: exiting at once.");
    expect(run.stdout).not.toContain("✓ create a");
    expect(run.stdout).not.toContain("Applied");
  });
});
