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

/**
 * Packs the published packages (concurrently) into `project/tarballs` and `npm install`s them
 * there, each one also forced as an override so dependencies between them resolve to the
 * tarballs. `extra` adds dependencies from the registry.
 */
export async function installPackedPackages(
  project: string,
  extra: Record<string, string> = {},
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
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify(
      {
        name: "consumer",
        private: true,
        dependencies: { ...packed, ...extra },
        overrides: packed,
      },
      null,
      2,
    ),
  );
  await run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], {
    cwd: project,
  });
}
