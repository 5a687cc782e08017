// One measurement of the replay bench, in a fresh process so that its peak memory is its own:
// `workers N FILE`, `phases FILE` or `naive COUNT FILE`. Prints one JSON line.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createEngine, replayAuditLog } from "@pgbeam/policies-engine";
import { replayAuditLogFile } from "@pgbeam/policies-engine/node";
import { benchPolicy } from "./replay-traffic.js";

const [mode, arg, file] = process.argv.slice(2);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function lines(path: string, each: (line: string) => void): Promise<void> {
  const reader = createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of reader) each(line);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

if (mode === "workers") {
  const path = file as string;
  await createEngine();
  const started = performance.now();
  const { result } = await replayAuditLogFile(path, { policy: benchPolicy, workers: Number(arg) });
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, peakMb: peakMb(), summary: result.summary }));
} else if (mode === "phases") {
  const path = arg as string;
  const engine = await createEngine();
  let count = 0;
  await lines(path, () => {}); // warm the file cache, so that each phase below reads alike
  const read = await timed(() => lines(path, () => count++));
  const parse = await timed(() => lines(path, (line) => JSON.parse(line)));
  const source = async function* () {
    const reader = createInterface({
      input: createReadStream(path),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    yield* reader;
  };
  const grouped = await timed(() =>
    replayAuditLog(source(), { policy: benchPolicy, engine, limit: 1 }),
  );
  const whole = await timed(() => replayAuditLog(source(), { policy: benchPolicy, engine }));
  console.log(JSON.stringify({ entries: count, read, parse, grouped, whole, peakMb: peakMb() }));
} else if (mode === "naive") {
  const path = file as string;
  const limit = Number(arg);
  const engine = await createEngine();
  const policy = engine.compile(benchPolicy);
  const sqls: string[] = [];
  await lines(path, (line) => {
    if (sqls.length < limit) sqls.push((JSON.parse(line) as { sql: string }).sql);
  });
  const started = performance.now();
  for (const sql of sqls) engine.evaluate(sql, policy);
  console.log(JSON.stringify({ entries: sqls.length, ms: performance.now() - started }));
}
