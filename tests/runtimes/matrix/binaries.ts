import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const ownRequire = createRequire(import.meta.url);

/** A runtime's binary, shipped inside an npm package: its path, or why it is not there. */
export type Binary = { path: string; version: string } | { missing: string };

/**
 * The binary at `file` inside the installed `pkg` (a dependency of this package, or of `via`),
 * or the reason it cannot be used here.
 */
export function binaryIn(pkg: string, file: string, via?: string): Binary {
  const require =
    via === undefined ? ownRequire : createRequire(ownRequire.resolve(`${via}/package.json`));
  if (process.platform !== "linux" || process.arch !== "x64") {
    return {
      missing: `${pkg} ships for linux-x64 and this machine is ${process.platform}-${process.arch}`,
    };
  }
  let manifest: string;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch {
    return { missing: `${pkg} is not installed (pnpm install in tests/runtimes)` };
  }
  const path = join(dirname(manifest), file);
  const { version } = require(manifest) as { version: string };
  return existsSync(path) ? { path, version } : { missing: `${pkg} has no ${file}` };
}

/** Debian's Chromium, which `.ci/run` installs with apt (`PGBEAM_CHROMIUM` names another binary). */
export function chromiumBinary(): Binary {
  const path = process.env.PGBEAM_CHROMIUM ?? "/usr/bin/chromium";
  return existsSync(path)
    ? { path, version: "(Debian)" }
    : { missing: `no ${path} (apt-get install chromium)` };
}
