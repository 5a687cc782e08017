// Cold start: time to import each package in a fresh Node process, vs importing openapi-fetch alone.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Row } from "../measure.js";
import { coldStartOnRuntimes } from "./cold-start-runtimes.js";

const runs = 9;
const here = fileURLToPath(new URL("..", import.meta.url));

function medianImportMs(specifier: string): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", `await import(${JSON.stringify(specifier)})`],
      {
        cwd: here,
      },
    );
    if (child.status !== 0) throw new Error(`importing ${specifier} failed: ${child.stderr}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? Number.NaN;
}

/**
 * Median wall time of `node -e "await import(pkg)"` per package, against openapi-fetch alone;
 * then import + first call on every runtime of the matrix, against each one's bare start.
 */
export async function coldStart(): Promise<Row[]> {
  return [...importTimes(), ...(await coldStartOnRuntimes())];
}

function importTimes(): Row[] {
  const baselineMs = medianImportMs("openapi-fetch");
  const nothingMs = medianImportMs("node:path");
  return ["@pgbeam/policies-client", "@pgbeam/policies-validators", "@pgbeam/policies-types"].map(
    (pkg) => {
      const ms = medianImportMs(pkg);
      return {
        group: `cold start (median of ${runs} fresh processes)`,
        name: `import ${pkg}`,
        meanUs: ms * 1000,
        opsPerSec: 1000 / ms,
        baseline: "import openapi-fetch",
        ratio: ms / baselineMs,
        note: `${(ms - nothingMs).toFixed(1)} ms over a bare Node start (openapi-fetch: ${(baselineMs - nothingMs).toFixed(1)} ms)`,
      };
    },
  );
}
