import { createEngine } from "../engine.js";
import { compilePolicy } from "../policy.js";
import { type AuditLogSource, collectTraffic } from "./collect-traffic.js";
import { evaluateShape } from "./evaluate-shape.js";
import { checkCounts, type ReplayOptions, scopeSummary } from "./replay-options.js";
import { replayResult, shapesToJudge, type TrafficReplay } from "./replay-result.js";
import { compileFilter } from "./traffic-filter.js";

/**
 * Replays audit-log traffic against a policy in this thread, streaming: the API's
 * `PolicyReplayResult` over every distinct shape (or the newest `limit`), grouped by `query_hash`
 * (else by the parser's fingerprint), with what could not be read counted and located. Memory
 * grows with distinct shapes, not entries. On Node, `replayAuditLogFile` from
 * `@pgbeam/policies-engine/node` does the same across worker threads.
 */
export async function replayAuditLog(
  source: AuditLogSource,
  options: ReplayOptions,
): Promise<TrafficReplay> {
  const filter = compileFilter(options);
  const { limit, keepLines } = checkCounts(options);
  const engine = options.engine ?? (await createEngine());
  const policy = compilePolicy(options.policy);
  const collected = await collectTraffic(engine, source, filter, {
    observeExecuted: false,
    keepLines,
    onProgress: options.onProgress,
  });
  const judged = shapesToJudge(collected.shapes, limit);
  options.onProgress?.({
    phase: "judging",
    entriesRead: collected.entriesRead,
    distinctShapes: collected.shapes.length,
    judged: 0,
  });
  const outcomes = judged.map((shape) => evaluateShape(engine, policy, shape));
  return replayResult(collected, judged, outcomes, scopeSummary(options), keepLines);
}
