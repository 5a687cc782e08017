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

/**
 * Times tasks in alternating rounds (A, B, C, A, B, C, …) and keeps each task's median round,
 * so a load change during the run moves every contender alike instead of skewing one ratio.
 */
export function measureInterleaved(
  tasks: Record<string, () => unknown>,
  rounds = 25,
  roundMs = 40,
): Map<string, Measurement> {
  const entries = Object.entries(tasks);
  const repeats = new Map<string, number>();
  for (const [name, fn] of entries) {
    // Warm up, and size each round to about roundMs.
    const started = performance.now();
    let calls = 0;
    while (performance.now() - started < roundMs * 4) {
      fn();
      calls += 1;
    }
    repeats.set(name, Math.max(1, Math.round(calls / 4)));
  }
  const perCall = new Map<string, number[]>(entries.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of entries) {
      const n = repeats.get(name) ?? 1;
      const started = performance.now();
      for (let i = 0; i < n; i++) fn();
      perCall.get(name)?.push(((performance.now() - started) * 1000) / n);
    }
  }
  return medians(perCall);
}

/** `measureInterleaved` for tasks that return promises: each call is awaited before the next. */
export async function measureInterleavedAsync(
  tasks: Record<string, () => Promise<unknown>>,
  rounds = 25,
  roundMs = 40,
): Promise<Map<string, Measurement>> {
  const entries = Object.entries(tasks);
  const repeats = new Map<string, number>();
  for (const [name, fn] of entries) {
    const started = performance.now();
    let calls = 0;
    while (performance.now() - started < roundMs * 4) {
      await fn();
      calls += 1;
    }
    repeats.set(name, Math.max(1, Math.round(calls / 4)));
  }
  const perCall = new Map<string, number[]>(entries.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of entries) {
      const n = repeats.get(name) ?? 1;
      const started = performance.now();
      for (let i = 0; i < n; i++) await fn();
      perCall.get(name)?.push(((performance.now() - started) * 1000) / n);
    }
  }
  return medians(perCall);
}

/** Each task's median per-call time over its rounds. */
function medians(perCall: Map<string, number[]>): Map<string, Measurement> {
  const out = new Map<string, Measurement>();
  for (const [name, times] of perCall) {
    times.sort((a, b) => a - b);
    const meanUs = times[Math.floor(times.length / 2)] ?? Number.NaN;
    out.set(name, { name, meanUs, opsPerSec: 1e6 / meanUs });
  }
  return out;
}
