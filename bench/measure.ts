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
