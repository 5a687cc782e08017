// `pnpm spec:diff [BASE]`: every change of the spec since BASE, classified for client users.
// `pnpm spec:check [BASE]`: the same, and fails when the pending changesets do not cover it.
// BASE defaults to the last release tag of @pgbeam/policies-types, else main's merge base.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { classifySpecChanges, type SpecChange } from "./classify.js";
import { type Bump, checkChangesets, type GatedPackage, parseChangeset } from "./gate.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const git = (...args: string[]) =>
  execFileSync("git", args, {
    cwd: repo,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
const tryGit = (...args: string[]) => {
  try {
    return git(...args);
  } catch {
    return undefined;
  }
};

function defaultBase(): string {
  return (
    tryGit("describe", "--tags", "--abbrev=0", "--match", "@pgbeam/policies-types@*") ??
    tryGit("merge-base", "HEAD", "main") ??
    "HEAD"
  );
}

const redocly = join(
  createRequire(import.meta.url).resolve("@redocly/cli/package.json"),
  "..",
  "bin",
  "cli.js",
);

/** Bundles `openapi/src` as it was at `ref` into JSON. */
function specAt(ref: string): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), "pgbeam-spec-"));
  try {
    const archive = execFileSync("git", ["archive", ref, "openapi/src"], { cwd: repo });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    const out = join(dir, "bundle.json");
    execFileSync(
      process.execPath,
      [redocly, "bundle", join(dir, "openapi/src/openapi.yaml"), "-o", out],
      { stdio: "pipe" },
    );
    return JSON.parse(readFileSync(out, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Changesets in the working tree that were not there at `base`. */
function pendingChangesets(base: string): Map<string, Bump>[] {
  const dir = join(repo, ".changeset");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .filter((file) => tryGit("cat-file", "-e", `${base}:.changeset/${file}`) === undefined)
    .map((file) => parseChangeset(readFileSync(join(dir, file), "utf8")));
}

/** Published packages whose public types come from the spec: the types package and its dependents. */
function specPackages(): GatedPackage[] {
  const found: GatedPackage[] = [];
  for (const dir of readdirSync(join(repo, "packages"))) {
    const file = join(repo, "packages", dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as {
      name: string;
      version: string;
      private?: boolean;
      dependencies?: Record<string, string>;
    };
    if (pkg.private) continue;
    if (pkg.name === "@pgbeam/policies-types" || pkg.dependencies?.["@pgbeam/policies-types"])
      found.push({ name: pkg.name, version: pkg.version });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

function report(changes: SpecChange[], base: string): void {
  if (changes.length === 0) {
    console.log(`No spec changes since ${base}.`);
    return;
  }
  console.log(`Spec changes since ${base}:`);
  for (const impact of ["breaking", "non-breaking", "docs"] as const) {
    const list = changes.filter((c) => c.impact === impact);
    if (list.length === 0) continue;
    console.log(`\n${impact} (${list.length}):`);
    for (const change of list) console.log(`  - ${change.where}: ${change.message}`);
  }
}

const [mode = "diff", baseArg] = process.argv.slice(2);
try {
  const base = baseArg ?? defaultBase();
  if (tryGit("rev-parse", "--verify", "--quiet", `${base}^{commit}`) === undefined) {
    throw new Error(`${base} is not a commit, branch or tag of this repository.`);
  }
  const headFile = join(repo, "openapi/dist/openapi.json");
  if (!existsSync(headFile))
    throw new Error("openapi/dist/openapi.json is missing: run `pnpm build` first.");
  const changes = classifySpecChanges(specAt(base), JSON.parse(readFileSync(headFile, "utf8")));
  report(changes, base);
  if (mode === "check") {
    const failures = checkChangesets(changes, pendingChangesets(base), specPackages());
    if (failures.length > 0) {
      console.error(
        `\nThe changesets do not cover the spec changes:\n${failures.map((f) => `  ✘ ${f}`).join("\n")}`,
      );
      process.exitCode = 1;
    } else console.log("\nChangesets cover the spec changes.");
  }
} catch (error) {
  console.error(`spec:${mode}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
