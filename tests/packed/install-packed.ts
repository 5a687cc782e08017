// Packs every published package and installs the tarballs into a throw-away project, as a user
// would get them. Shared by the packed-tarball tests and the runtime matrix.
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));

/** The packages we publish, by folder under `packages/`. */
export const publishedPackages = ["types", "client", "validators", "engine", "mock", "cli"];

/** The package managers a user installs the tarballs with. */
export type PackageManager = "npm" | "pnpm" | "bun";

/** Where `installPackedPackages` finds each package manager: on the PATH, or a binary path. */
export type PackageManagerBinaries = Partial<Record<PackageManager, string>>;

/**
 * Packs the published packages (concurrently) into `project/tarballs` and installs them there
 * with `manager` (npm unless told), each one also forced as an override so that dependencies
 * between them (`^0.0.0` on siblings that are not on the registry yet) resolve to the tarballs:
 * `overrides` in package.json for npm and bun, in pnpm-workspace.yaml for pnpm. `extra` adds
 * dependencies from the registry.
 */
export async function installPackedPackages(
  project: string,
  extra: Record<string, string> = {},
  manager: PackageManager = "npm",
  binaries: PackageManagerBinaries = {},
): Promise<void> {
  const tarballs = join(project, "tarballs");
  mkdirSync(tarballs, { recursive: true });
  await Promise.all(
    publishedPackages.map((name) =>
      run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: join(root, "packages", name) }),
    ),
  );
  const files = readdirSync(tarballs);
  const tarball = (name: string) =>
    `file:./tarballs/${files.find((f) => f.startsWith(`pgbeam-policies-${name}-`))}`;
  const packed = Object.fromEntries(
    publishedPackages.map((name) => [`@pgbeam/policies-${name}`, tarball(name)]),
  );
  const manifest = { name: "consumer", private: true, dependencies: { ...packed, ...extra } };
  if (manager === "pnpm") {
    writeFileSync(join(project, "package.json"), JSON.stringify(manifest, null, 2));
    const overrides = Object.entries(packed).map(([name, spec]) => `  "${name}": "${spec}"`);
    writeFileSync(join(project, "pnpm-workspace.yaml"), `overrides:\n${overrides.join("\n")}\n`);
  } else {
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ ...manifest, overrides: packed }, null, 2),
    );
  }
  const command = binaries[manager] ?? manager;
  const args = {
    npm: ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
    pnpm: ["install", "--ignore-scripts", "--reporter=silent"],
    bun: ["install", "--ignore-scripts", "--silent"],
  }[manager];
  await run(command, args, { cwd: project, maxBuffer: 16 * 1024 * 1024 });
}
