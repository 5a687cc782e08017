import { type CollectedTraffic, mergeCollected } from "../collected-traffic.js";
import type { ReplayProgress } from "../replay-options.js";
import type { TrafficFilter } from "../traffic-filter.js";
import type { LineFile } from "./file-lines.js";
import type { WorkerPool } from "./worker-pool.js";

/** How often progress is reported while reading, in milliseconds. */
const progressEveryMs = 200;

/** Streams a file's blocks through the pool's workers and merges what each one collected. */
export async function readFileInWorkers(
  pool: WorkerPool,
  file: LineFile,
  options: {
    filter: TrafficFilter;
    observeExecuted: boolean;
    keepLines: number;
    onProgress?: ((progress: ReplayProgress) => void) | undefined;
  },
): Promise<CollectedTraffic> {
  pool.begin(options.filter, options.observeExecuted, options.keepLines);
  let shown = 0;
  const report = () => {
    options.onProgress?.({ phase: "reading", ...pool.progress(), bytesRead: file.bytesRead() });
  };
  for await (const block of file.blocks()) {
    await pool.read(block);
    if (options.onProgress !== undefined && Date.now() - shown >= progressEveryMs) {
      shown = Date.now();
      report();
    }
  }
  const parts = await pool.collect();
  report();
  return mergeCollected(parts, options.keepLines);
}
