// Uses the package as published: the built ESM and CJS entry points, and the bin.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";

type Entry = typeof import("../src/index.js");

async function exercise(entry: Entry): Promise<void> {
  const mock = entry.createPolicyMock({ apiKey: "k" });
  const response = await mock.fetch("https://api.pgbeam.com/v1/projects/prj_1/policies", {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json" },
    body: JSON.stringify({ name: "dist" }),
  });
  expect(response.status).toBe(201);
  expect(mock.handlers).toHaveLength(7);
}

test("import() of dist/index.js", async () => {
  await exercise((await import("../dist/index.js" as string)) as Entry);
});

test("require() of dist/index.cjs", async () => {
  await exercise(createRequire(import.meta.url)("../dist/index.cjs") as Entry);
});

test("the bin explains its options and refuses a bad port in one line", async () => {
  const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
  const help = await promisify(execFile)(process.execPath, [bin, "--help"]);
  expect(help.stdout).toContain("Usage: pgbeam-policies-mock");
  const bad = await promisify(execFile)(process.execPath, [bin, "--port", "x"]).catch(
    (e: { code: number; stderr: string }) => e,
  );
  expect(bad).toMatchObject({
    code: 2,
    stderr: "pgbeam-policies-mock: --port must be an integer from 0 to 65535 (got x)\n",
  });
});
