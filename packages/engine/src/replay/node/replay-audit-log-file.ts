import { compilePolicy } from "../../policy.js";
import { readJsonLines } from "../json-lines.js";
import { replayAuditLog } from "../replay-audit-log.js";
import { checkCounts, type ReplayOptions, scopeSummary } from "../replay-options.js";
import { replayResult, shapesToJudge, type TrafficReplay } from "../replay-result.js";
import { compileFilter } from "../traffic-filter.js";
import { openLineFile } from "./file-lines.js";
import { type FileReadOptions, workerCount, workerUrl } from "./file-options.js";
import { plainFilter } from "./plain-filter.js";
import { readFileInWorkers } from "./read-file-in-workers.js";
import { WorkerPool } from "./worker-pool.js";

/**
 * Replays a JSON Lines audit-log export (optionally gzip) against a policy across worker threads:
 * each worker reads blocks of lines into shapes, the shapes are merged, and the distinct shapes
 * are judged across the same workers. The answer equals `replayAuditLog`'s on the same lines.
 */
export async function replayAuditLogFile(
  path: string,
  options: ReplayOptions & FileReadOptions,
): Promise<TrafficReplay> {
  const workers = workerCount(options.workers);
  compileFilter(options);
  const { limit, keepLines } = checkCounts(options);
  const policy = compilePolicy(options.policy).profile;
  const file = await openLineFile(path, options.gzip);
  if (workers === 0) {
    const { createReadStream } = await import("node:fs");
    return replayAuditLog(readJsonLines(createReadStream(path), { gzip: file.gzip }), options);
  }
  const pool = WorkerPool.start(workers, workerUrl());
  try {
    const collected = await readFileInWorkers(pool, file, {
      filter: plainFilter(options),
      observeExecuted: false,
      keepLines,
      onProgress: options.onProgress,
    });
    const judged = shapesToJudge(collected.shapes, limit);
    const outcomes = await pool.judge(policy, judged, (count) =>
      options.onProgress?.({
        phase: "judging",
        entriesRead: collected.entriesRead,
        distinctShapes: collected.shapes.length,
        judged: count,
      }),
    );
    return replayResult(collected, judged, outcomes, scopeSummary(options), keepLines);
  } finally {
    await pool.close();
  }
}
