// Uses the package as published: the built ESM and CJS entry points, and the bin.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { operationSchemas } from "@pgbeam/policies-validators";
import { expect, test } from "vitest";

type Entry = typeof import("../src/index.js");
type MswEntry = typeof import("../src/msw.js");

async function exercise(entry: Entry, msw: MswEntry, canListen: boolean): Promise<void> {
  const mock = entry.createPolicyMock({ apiKey: "k" });
  const response = await mock.fetch("https://api.pgbeam.com/v1/projects/prj_1/policies", {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json" },
    body: JSON.stringify({ name: "dist" }),
  });
  expect(response.status).toBe(201);
  expect(msw.mswHandlers(mock)).toHaveLength(operationSchemas.length);
  if (canListen) {
    expect(await mock.listen()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await mock.close();
  } else {
    await expect(mock.listen()).rejects.toThrow("mock.listen() needs node:http");
  }
}

const load = (path: string) => import(path) as Promise<never>;
const require = createRequire(import.meta.url);

test("import() of each ESM entry", async () => {
  const msw = await load("../dist/msw.js");
  await exercise(await load("../dist/index.js"), msw, false);
  await exercise(await load("../dist/node.js"), msw, true);
});

test("require() of each CommonJS entry", async () => {
  const msw = require("../dist/msw.cjs") as MswEntry;
  await exercise(require("../dist/index.cjs") as Entry, msw, false);
  await exercise(require("../dist/node.cjs") as Entry, msw, true);
});

test("the Web entry's chunks import no Node builtin and no msw, and draw no randomness at load", () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(new URL(`../dist/${file}`, import.meta.url), "utf8");
    expect(code, file).not.toMatch(/from\s*["'](node:|http|crypto|msw)/);
    for (const [, chunk] of code.matchAll(/from\s*["']\.\/([^"']+)["']/g)) visit(chunk as string);
  };
  visit("index.js");
  expect(seen.size).toBeGreaterThan(1);
});

test("the bin explains its options and refuses a bad port in one line", async () => {
  const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
  const help = await promisify(execFile)(process.execPath, [bin, "--help"]);
  expect(help.stdout).toContain("Usage: npx @pgbeam/policies-mock");
  const version = await promisify(execFile)(process.execPath, [bin, "--version"]);
  expect(version.stdout).toBe(
    `${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version}\n`,
  );
  const bad = await promisify(execFile)(process.execPath, [bin, "--port", "x"]).catch(
    (e: { code: number; stderr: string }) => e,
  );
  expect(bad).toMatchObject({
    code: 2,
    stderr: "pgbeam-policies-mock: --port must be an integer from 0 to 65535 (got x)\n",
  });
});
