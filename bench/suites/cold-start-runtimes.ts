// Cold start on every runtime of the matrix (tests/runtimes): import + first call, against
// that runtime's bare start (the same entry running a program that does nothing), all from
// the packed packages.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  bundleForEdge,
  bundleWithEsbuild,
  bundleWorker,
  chromiumBinary,
  closeChromium,
  createMatrixProject,
  processRuntimes,
  runPage,
  startEdgeRuntime,
  startWorker,
} from "@pgbeam/runtime-tests/matrix";
import type { Row } from "../measure.js";
import { rowsOrSkipped } from "../skipped-rows.js";

const programs = {
  light: "client + validators: import, validate, one call",
  engine: "engine: import, createEngine(), one evaluate",
} as const;
type Program = keyof typeof programs | "bare";

/** Median wall time of `runs` calls of `start`, in ms. */
async function medianMs(runs: number, start: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await start();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? Number.NaN;
}

/** One runtime's rows: each program against that runtime's bare start. */
async function rowsFor(
  runtime: string,
  runs: number,
  start: (program: Program) => Promise<() => Promise<unknown> | unknown>,
): Promise<Row[]> {
  const bareMs = await medianMs(runs, await start("bare"));
  const rows: Row[] = [];
  for (const [program, title] of Object.entries(programs) as [Program, string][]) {
    const ms = await medianMs(runs, await start(program));
    rows.push({
      group: `cold start on ${runtime} (median of ${runs})`,
      name: title,
      meanUs: ms * 1000,
      opsPerSec: 1000 / ms,
      baseline: "bare start",
      ratio: ms / bareMs,
      note: `${(ms - bareMs).toFixed(0)} ms over a bare start of ${bareMs.toFixed(0)} ms`,
    });
  }
  return rows;
}

const workerEntry = (program: Program) =>
  program === "engine"
    ? `import wasm from "@pgbeam/policies-engine/libpg-query.wasm";\nimport { run } from "./cold-engine.mjs";\nexport default { async fetch() { await run(wasm); return new Response("ok"); } };\n`
    : `import { run } from "./cold-${program}.mjs";\nexport default { async fetch() { await run(); return new Response("ok"); } };\n`;

const edgeEntry = (program: Program) =>
  `import { run } from "./cold-${program}.mjs";\naddEventListener("fetch", (event) => event.respondWith(run(globalThis.PARSER_WASM).then(() => new Response("ok"))));\n`;

const pageEntry = (program: Program) =>
  program === "engine"
    ? `import wasm from "@pgbeam/policies-engine/libpg-query.wasm";\nimport { run } from "./cold-engine.mjs";\nglobalThis.results = run(new URL(wasm, location.href)).then(() => "ok");\n`
    : `import { run } from "./cold-${program}.mjs";\nglobalThis.results = run().then(() => "ok");\n`;

/**
 * Cold start rows for Node 20, 22, 24 and 26, Bun, Deno, workerd, edge-runtime and Chromium; a
 * runtime missing here (or failing) is a skipped row that says why.
 */
export async function coldStartOnRuntimes(): Promise<Row[]> {
  const { project, wasmBytes } = await createMatrixProject();
  const entry = (kind: string, program: Program, source: string) => {
    const name = `cold-${kind}-${program}.mjs`;
    writeFileSync(join(project, "app", name), source);
    return name;
  };
  const rows: Row[] = [];
  try {
    for (const runtime of processRuntimes) {
      const env = { ...process.env, ...runtime.env(project) };
      const argv = (program: Program) => runtime.argv(join("app", "cold-process.mjs"), program);
      rows.push(
        ...(await rowsOrSkipped(`cold start on ${runtime.name}`, runtime.binary, (binary) =>
          rowsFor(runtime.name, 9, async (program) => () => {
            const child = spawnSync(binary, argv(program), { cwd: project, env });
            if (child.status !== 0) throw new Error(`${runtime.name} ${program}: ${child.stderr}`);
          }),
        )),
      );
    }
    // workerd and edge-runtime come with their npm packages; a failure is still a row, not a crash.
    const fromNpm = { path: "(npm package)" };
    const workerd = "workerd (Miniflare, from new Miniflare to the first response)";
    rows.push(
      ...(await rowsOrSkipped(workerd, fromNpm, () =>
        rowsFor(workerd, 5, async (program) => {
          const script = await bundleWorker(
            project,
            entry("worker", program, workerEntry(program)),
          );
          return async () => {
            const worker = startWorker(script);
            await (await worker.dispatchFetch("http://worker.test/")).text();
            await worker.dispose();
          };
        }),
      )),
    );
    const parser = new WebAssembly.Module(wasmBytes);
    const edge = "edge-runtime (a new EdgeRuntime to its first response)";
    rows.push(
      ...(await rowsOrSkipped(edge, fromNpm, () =>
        rowsFor(edge, 9, async (program) => {
          const code = await bundleForEdge(project, entry("edge", program, edgeEntry(program)));
          return async () => {
            await (await startEdgeRuntime(code, parser).dispatchFetch("http://edge.test/")).text();
          };
        }),
      )),
    );
    const chromium = "Chromium (esbuild bundle, a new page to the program's end)";
    rows.push(
      ...(await rowsOrSkipped(chromium, chromiumBinary(), () =>
        rowsFor(chromium, 9, async (program) => {
          const name = entry("page", program, pageEntry(program));
          const outdir = await bundleWithEsbuild(
            project,
            name,
            join(project, "dist", `page-${program}`),
          );
          return () => runPage(outdir, "");
        }),
      )),
    );
  } finally {
    await closeChromium();
    rmSync(project, { recursive: true, force: true });
  }
  return rows;
}
