// Offline replay of an audit-log export (issue 32): a generated export of ENTRIES entries over
// SHAPES distinct shapes (default 100 000 over 2 000; REPLAY_BENCH_ENTRIES=1000000
// REPLAY_BENCH_SHAPES=20000 for the size), replayed across 2 workers, 1 worker and none, peak
// memory at full size and at a tenth of the entries (same shapes), the ratio to a naive loop
// that evaluates every entry, and where the time goes. Each measurement runs in its own process.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Row } from "../measure.js";
import { writeBenchExport } from "./replay-traffic.js";

const child = fileURLToPath(new URL("./replay-child.ts", import.meta.url));
const bench = fileURLToPath(new URL("..", import.meta.url));

function run<T>(...args: string[]): T {
  const done = spawnSync(process.execPath, ["--import", "tsx", child, ...args], {
    cwd: bench,
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (done.status !== 0) throw new Error(`replay bench child ${args[0]} failed: ${done.stderr}`);
  return JSON.parse(done.stdout.trim().split("\n").at(-1) ?? "{}") as T;
}

interface WorkersRun {
  ms: number;
  peakMb: number;
  summary: { entries_scanned: number; distinct_queries: number; evaluated: number };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** The replay suite's rows; the phase breakdown is printed before the table. */
export async function replaySpeed(): Promise<Row[]> {
  const entries = Number(process.env.REPLAY_BENCH_ENTRIES ?? 100_000);
  const shapes = Number(process.env.REPLAY_BENCH_SHAPES ?? 2_000);
  const rounds = Number(process.env.REPLAY_BENCH_ROUNDS ?? 1);
  const folder = mkdtempSync(join(tmpdir(), "pgbeam-replay-bench-"));
  try {
    const full = join(folder, "full.jsonl");
    const tenth = join(folder, "tenth.jsonl");
    await writeBenchExport(full, entries, shapes);
    await writeBenchExport(tenth, Math.max(shapes, Math.round(entries / 10)), shapes);
    const size = statSync(full).size;
    // Alternate 2 and 1 workers so that a change of load hits both alike; keep each one's median.
    const two: WorkersRun[] = [];
    const one: WorkersRun[] = [];
    const none: WorkersRun[] = [];
    for (let round = 0; round < rounds; round++) {
      two.push(run<WorkersRun>("workers", "2", full));
      one.push(run<WorkersRun>("workers", "1", full));
      none.push(run<WorkersRun>("workers", "0", full));
    }
    const noneMs = median(none.map((r) => r.ms));
    const twoMs = median(two.map((r) => r.ms));
    const oneMs = median(one.map((r) => r.ms));
    const small = run<WorkersRun>("workers", "2", tenth);
    const naiveCount = Math.min(entries, 20_000);
    const naive = run<{ entries: number; ms: number }>("naive", String(naiveCount), full);
    const naiveFullMs = (naive.ms / naive.entries) * entries;
    const phases = run<{
      entries: number;
      read: number;
      parse: number;
      grouped: number;
      whole: number;
    }>("phases", full);
    const judged = two[0]?.summary.evaluated ?? shapes;
    console.log(
      [
        `replay bench: ${entries.toLocaleString("en-US")} entries (${Math.round(size / 1e6)} MB), ${judged.toLocaleString("en-US")} distinct shapes`,
        `where one thread's time goes (in-thread replay, ${Math.round(phases.whole)} ms):`,
        `  read lines ${Math.round(phases.read)} ms, JSON.parse ${Math.round(phases.parse - phases.read)} ms,`,
        `  dedupe + aggregate ${Math.round(phases.grouped - phases.parse)} ms, evaluate + assemble ${Math.round(phases.whole - phases.grouped)} ms`,
        "",
      ].join("\n"),
    );
    const row = (
      name: string,
      ms: number,
      baseline: string,
      ratio: number,
      note: string,
      target?: number,
    ): Row => ({
      group: "replay",
      name,
      meanUs: ms * 1000,
      opsPerSec: (entries / ms) * 1000,
      baseline,
      ratio,
      note,
      ...(target === undefined ? {} : { target }),
    });
    return [
      row(
        "2 workers, whole export",
        twoMs,
        "naive loop",
        twoMs / naiveFullMs,
        `${Math.round((judged / twoMs) * 1000).toLocaleString("en-US")} shapes/s; naive ${Math.round(naiveFullMs / 1000)} s (measured on ${naiveCount.toLocaleString("en-US")} entries); peak ${median(two.map((r) => r.peakMb))} MB`,
      ),
      row(
        "1 worker, whole export",
        oneMs,
        "2 workers",
        oneMs / twoMs,
        `2 workers are ${(oneMs / twoMs).toFixed(2)}× as fast (goal ≥ 1.6×)`,
      ),
      row(
        "this thread only (workers: 0)",
        noneMs,
        "2 workers",
        noneMs / twoMs,
        `peak ${median(none.map((r) => r.peakMb))} MB`,
      ),
      {
        group: "replay",
        name: "peak memory, full vs tenth",
        meanUs: 0,
        opsPerSec: 0,
        baseline: "a tenth of the entries",
        ratio: median(two.map((r) => r.peakMb)) / small.peakMb,
        note: `${median(two.map((r) => r.peakMb))} MB vs ${small.peakMb} MB (goal: within 10%)`,
        target: 1.1,
      },
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
