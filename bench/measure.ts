import { Bench } from "tinybench";

/** One measured contender: mean time per operation and operations per second. */
export interface Measurement {
  name: string;
  meanUs: number;
  opsPerSec: number;
}

/** A line of the report: a contender compared with its baseline from the same run. */
export interface Row {
  group: string;
  name: string;
  meanUs: number;
  opsPerSec: number;
  baseline: string;
  /** Our time divided by the baseline's: below 1 is faster. */
  ratio: number;
  /** The target, as a time ratio ceiling, when there is one. */
  target?: number;
  /** Anything else worth printing on the row. */
  note?: string;
  /** Why this row was not measured (a runtime missing here); its numbers are then NaN. */
  skipped?: string;
}

/** Times each async or sync function with tinybench and returns mean µs and ops/s. */
export async function measure(
  tasks: Record<string, () => unknown>,
  timeMs = 1000,
): Promise<Map<string, Measurement>> {
  const bench = new Bench({ time: timeMs, warmupTime: 300 });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  await bench.run();
  const out = new Map<string, Measurement>();
  for (const task of bench.tasks) {
    const { result } = task;
    if (result.state !== "completed")
      throw new Error(`benchmark ${task.name} did not complete (${result.state})`);
    out.set(task.name, {
      name: task.name,
      meanUs: result.period * 1000,
      opsPerSec: 1000 / result.period,
    });
  }
  return out;
}

/** Rows comparing `names` with `baseline`, all from one measurement. */
export function compare(
  group: string,
  results: Map<string, Measurement>,
  baseline: string,
  names: string[],
  targets: Record<string, number> = {},
): Row[] {
  const base = results.get(baseline);
  if (!base) throw new Error(`no baseline ${baseline}`);
  return names.map((name) => {
    const m = results.get(name);
    if (!m) throw new Error(`no measurement ${name}`);
    const target = targets[name];
    return {
      group,
      name,
      meanUs: m.meanUs,
      opsPerSec: m.opsPerSec,
      baseline,
      ratio: m.meanUs / base.meanUs,
      ...(target ? { target } : {}),
    };
  });
}

/** Runs `fn` n times and returns the milliseconds taken. */
type TimeCalls<F> = (fn: F, n: number) => number | Promise<number>;

/**
 * Times tasks in alternating rounds (A, B, C, A, B, C, …) and keeps each task's median round,
 * so a load change during the run moves every contender alike instead of skewing one ratio.
 * Each task is first warmed up in doubling batches until one takes `roundMs`, which sizes its
 * rounds.
 */
async function interleave<F>(
  tasks: Record<string, F>,
  rounds: number,
  roundMs: number,
  timeCalls: TimeCalls<F>,
): Promise<Map<string, Measurement>> {
  const entries = Object.entries(tasks);
  const repeats = new Map<string, number>();
  for (const [name, fn] of entries) {
    let n = 1;
    while ((await timeCalls(fn, n)) < roundMs) n *= 2;
    repeats.set(name, n);
  }
  const perCall = new Map<string, number[]>(entries.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of entries) {
      const n = repeats.get(name) ?? 1;
      perCall.get(name)?.push(((await timeCalls(fn, n)) * 1000) / n);
    }
  }
  const out = new Map<string, Measurement>();
  for (const [name, times] of perCall) {
    times.sort((a, b) => a - b);
    const meanUs = times[Math.floor(times.length / 2)] ?? Number.NaN;
    out.set(name, { name, meanUs, opsPerSec: 1e6 / meanUs });
  }
  return out;
}

/** `interleave` for synchronous tasks: a round calls the task in a plain loop. */
export function measureInterleaved(
  tasks: Record<string, () => unknown>,
  rounds = 25,
  roundMs = 40,
): Promise<Map<string, Measurement>> {
  return interleave(tasks, rounds, roundMs, (fn, n) => {
    const started = performance.now();
    for (let i = 0; i < n; i++) fn();
    return performance.now() - started;
  });
}

/** `interleave` for tasks that return promises: each call is awaited before the next. */
export function measureInterleavedAsync(
  tasks: Record<string, () => Promise<unknown>>,
  rounds = 25,
  roundMs = 40,
): Promise<Map<string, Measurement>> {
  return interleave(tasks, rounds, roundMs, async (fn, n) => {
    const started = performance.now();
    for (let i = 0; i < n; i++) await fn();
    return performance.now() - started;
  });
}
