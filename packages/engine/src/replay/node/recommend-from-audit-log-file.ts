import { createReadStream } from "node:fs";
import { createEngine } from "../../engine.js";
import { recommendFromAuditLog } from "../../recommend/recommend-from-audit-log.js";
import {
  recommendFromTraffic,
  type TrafficRecommendation,
} from "../../recommend/recommend-from-traffic.js";
import type { RecommendOptions } from "../../recommend/recommendation-options.js";
import { readJsonLines } from "../json-lines.js";
import { checkCounts } from "../replay-options.js";
import { compileFilter } from "../traffic-filter.js";
import { openLineFile } from "./file-lines.js";
import { type FileReadOptions, workerCount, workerUrl } from "./file-options.js";
import { plainFilter } from "./plain-filter.js";
import { readFileInWorkers } from "./read-file-in-workers.js";
import { WorkerPool } from "./worker-pool.js";

/**
 * `recommendFromAuditLog` over a JSON Lines export (optionally gzip), reading it across worker
 * threads; the candidate is derived and replayed in this thread.
 */
export async function recommendFromAuditLogFile(
  path: string,
  options: RecommendOptions & FileReadOptions,
): Promise<TrafficRecommendation> {
  const workers = workerCount(options.workers);
  const file = await openLineFile(path, options.gzip);
  if (workers === 0)
    return recommendFromAuditLog(
      readJsonLines(createReadStream(path), { gzip: file.gzip }),
      options,
    );
  if (typeof options.credential_id !== "string" || options.credential_id === "")
    throw new TypeError("recommend: credential_id must name the agent credential (agt_…).");
  const filter = plainFilter(options);
  const compiled = compileFilter(filter);
  const { keepLines } = checkCounts(options);
  const engine = options.engine ?? (await createEngine());
  const pool = WorkerPool.start(workers, workerUrl());
  try {
    const collected = await readFileInWorkers(pool, file, {
      filter,
      observeExecuted: true,
      keepLines,
      onProgress: options.onProgress,
    });
    return recommendFromTraffic(engine, collected, options, compiled, keepLines);
  } finally {
    await pool.close();
  }
}
