import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** Absolute path of the bundled spec that Prism serves (built by `@pgbeam/policies-openapi`). */
export const bundledSpecPath: string = require.resolve("@pgbeam/policies-openapi/openapi.json");

const specSourceDir = join(dirname(bundledSpecPath), "..", "src");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

/** Throws when the bundled spec is missing or older than a source file under `openapi/src`. */
export function assertBundledSpecIsFresh(): void {
  let bundled: number;
  try {
    bundled = statSync(bundledSpecPath).mtimeMs;
  } catch {
    throw new Error(
      `The bundled spec ${bundledSpecPath} does not exist: run \`pnpm build\` first.`,
    );
  }
  if (newestMtime(specSourceDir) > bundled) {
    throw new Error(
      `The bundled spec ${bundledSpecPath} is older than openapi/src: run \`pnpm build\` so the mock serves the current spec.`,
    );
  }
}
