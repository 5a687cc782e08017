import { compilePolicy } from "../../policy.js";
import { readJsonLines } from "../json-lines.js";
import { replayAuditLog } from "../replay-audit-log.js";
import { checkCounts, type ReplayOptions, scopeSummary } from "../replay-options.js";
import { replayResult, shapesToJudge, type TrafficReplay } from "../replay-result.js";
import { compileFilter } from "../traffic-filter.js";
import { openLineFile } from "./file-lines.js";
import { type FileReadOptions, workerCount, workerUrl } from "./file-options.js";
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
  const pool = await WorkerPool.start(workers, workerUrl());
  try {
    const collected = await readFileInWorkers(pool, file, {
      filter: filterOf(options),
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

/** The filter fields of the options, as plain data a worker can receive. */
export function filterOf(
  options:
    | ReplayOptions
    | { start_ts?: string | Date; end_ts?: string | Date; credential_id?: string },
) {
  const plain = (value: string | Date | undefined) =>
    value instanceof Date ? value.toISOString() : value;
  const { start_ts, end_ts, credential_id } = options;
  const bound = "bound_credentials" in options ? options.bound_credentials : undefined;
  return {
    ...(start_ts === undefined ? {} : { start_ts: plain(start_ts) as string }),
    ...(end_ts === undefined ? {} : { end_ts: plain(end_ts) as string }),
    ...(credential_id === undefined ? {} : { credential_id }),
    ...(bound === undefined ? {} : { bound_credentials: [...bound] }),
  };
}
