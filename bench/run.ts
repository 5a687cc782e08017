// `pnpm bench`: every benchmark in one process, printed as one table of ratios against baselines
// measured in the same run. Run it on a quiet machine; numbers move with load.
import { arch, cpus, platform } from "node:os";
import { format } from "./format-rows.js";
import type { Row } from "./measure.js";
import { clientOverhead } from "./suites/client-overhead.js";
import { coldStart } from "./suites/cold-start.js";
import { engineSpeed } from "./suites/engine.js";
import { mockSpeed } from "./suites/mock.js";
import { pagination } from "./suites/pagination.js";
import { replaySpeed } from "./suites/replay.js";
import { validatorSpeed } from "./suites/validators.js";

const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(
  `PgBeam SDK benchmarks: Node ${process.version}, ${platform()} ${arch()}, ${cpus().length} × ${cpu}`,
);
console.log("ratio = our time ÷ the baseline's time (below 1 is faster)\n");
// `pnpm bench client validators` runs only the suites named (client, validators, pagination, cold-start, engine, mock).
const suites: Record<string, () => Row[] | Promise<Row[]>> = {
  client: clientOverhead,
  validators: validatorSpeed,
  pagination,
  "cold-start": coldStart,
  engine: engineSpeed,
  mock: mockSpeed,
  replay: replaySpeed,
};
const chosen = process.argv.slice(2).filter((name) => name in suites);
const rows: Row[] = [];
for (const [name, suite] of Object.entries(suites)) {
  if (chosen.length === 0 || chosen.includes(name)) rows.push(...(await suite()));
}
console.log(format(rows));
