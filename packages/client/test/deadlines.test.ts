// Every attempt's timeout shares one timer: deadlines fire in time and in order, a removed one
// never fires, and a process whose calls are done exits without waiting for a timeout.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { Deadlines } from "../src/deadlines.js";
import { json, startServer } from "./helpers/server.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("deadlines expire after their time, earliest first, even when added later", async () => {
  const deadlines = new Deadlines();
  const fired: string[] = [];
  const started = Date.now();
  deadlines.add(120, () => fired.push("late"));
  deadlines.add(40, () => fired.push("early"));
  await sleep(80);
  expect(fired).toEqual(["early"]);
  await sleep(80);
  expect(fired).toEqual(["early", "late"]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(120);
});

test("a removed deadline never fires; the others still do", async () => {
  const deadlines = new Deadlines();
  const fired: string[] = [];
  const first = deadlines.add(30, () => fired.push("removed"));
  deadlines.add(60, () => fired.push("kept"));
  deadlines.remove(first);
  await sleep(100);
  expect(fired).toEqual(["kept"]);
});

test("a script's process exits once its calls are done, not when the 60 s timeout would", async () => {
  const server = await startServer((_, __, res) => json(res, 200, { id: "pol_1" }));
  const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
  const script = `
    const { createPolicyClient } = await import(${JSON.stringify(entry)});
    const pgbeam = createPolicyClient({ apiKey: "pgb_x", baseUrl: ${JSON.stringify(server.url)}, timeoutMs: 60000 });
    await pgbeam.policies.getPolicyProfile("prj_1", "pol_1");
  `;
  const started = Date.now();
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(
        process.execPath,
        ["--input-type=module", "-e", script],
        { timeout: 20_000 },
        (error) => (error ? reject(error) : resolve()),
      ),
    );
  } finally {
    await server.close();
  }
  expect(Date.now() - started).toBeLessThan(15_000);
});
