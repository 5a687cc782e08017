import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { repoRoot } from "../src/markdown-blocks.js";

const readJson = (path: string) =>
  JSON.parse(readFileSync(join(repoRoot, path), "utf8")) as {
    packageManager?: string;
    name: string;
    scripts?: Record<string, string>;
  };
const root = readJson("package.json");
const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const quickStart = /## Quick start[^\n]*\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";

test("the Quick start is two commands: install and start, then test", () => {
  const pnpm = root.packageManager?.replace("pnpm@", "");
  expect(quickStart.trim().split("\n")).toEqual([
    `npm install --global pnpm@${pnpm} && pnpm install && pnpm start`,
    "pnpm test",
  ]);
});

test("`pnpm start` runs only the examples' start, which ends by itself", () => {
  expect(root.scripts?.start).toBe("turbo run start --filter=@pgbeam/examples --log-prefix=none");
  const folders = ["openapi", "tests", "tests/docs", "examples", "bench"].concat(
    readdirSync(join(repoRoot, "packages")).map((name) => `packages/${name}`),
  );
  const starts = folders
    .map((folder) => readJson(`${folder}/package.json`))
    .filter((pkg) => pkg.scripts?.start !== undefined)
    .map((pkg) => [pkg.name, pkg.scripts?.start]);
  // Serving forever is `pnpm mock` (the emulator) and `pnpm mock:prism`, never a `start`.
  expect(starts).toEqual([["@pgbeam/examples", "tsx quickstart.ts"]]);
});
