// What installing one of our packages costs a user: its tarball, its unpacked files, and every
// package it pulls in, measured in a project where the tarballs are installed.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

/** Sizes in bytes of one installed package. */
export interface InstallSize {
  /** The `.tgz` npm downloads. */
  packed: number;
  /** The package's own files, installed. */
  unpacked: number;
  /** The package and every dependency it pulls in (each counted once), installed. */
  withDependencies: number;
  /** The folders of the packages counted in `withDependencies`. */
  packages: string[];
}

/** Total size of the files under `folder` (a nested node_modules is another package's). */
function folderSize(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const path = join(folder, entry.name);
    total += entry.isDirectory() ? folderSize(path) : statSync(path).size;
  }
  return total;
}

/** The installed folder of `name` as Node finds it from `from` (a package folder). */
function packageFolder(name: string, from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(folder) === folder) throw new Error(`${name} is not installed above ${from}`);
  }
}

/** The install cost of `name` in `project`, whose `tarball` is the `.tgz` it was installed from. */
export function installSize(project: string, name: string, tarball: string): InstallSize {
  const seen = new Set<string>();
  const visit = (folder: string) => {
    if (seen.has(folder)) return;
    seen.add(folder);
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      visit(packageFolder(dependency, folder));
    }
  };
  const root = packageFolder(name, project);
  visit(root);
  const packages = [...seen];
  return {
    packed: statSync(tarball).size,
    unpacked: folderSize(root),
    withDependencies: packages.reduce((sum, folder) => sum + folderSize(folder), 0),
    packages,
  };
}
