import { createEngine } from "../engine.js";
import { type AuditLogSource, collectTraffic } from "../replay/collect-traffic.js";
import { checkCounts } from "../replay/replay-options.js";
import { compileFilter } from "../replay/traffic-filter.js";
import { recommendFromTraffic, type TrafficRecommendation } from "./recommend-from-traffic.js";
import type { RecommendOptions } from "./recommendation-options.js";

/**
 * Recommends the tightest profile for one credential from recorded traffic, offline: what
 * `recommendAgentPolicy` answers, derived the same way, with the candidate's replay over the
 * same history.
 */
export async function recommendFromAuditLog(
  source: AuditLogSource,
  options: RecommendOptions,
): Promise<TrafficRecommendation> {
  if (typeof options.credential_id !== "string" || options.credential_id === "")
    throw new TypeError("recommend: credential_id must name the agent credential (agt_…).");
  const filter = compileFilter({
    credential_id: options.credential_id,
    ...(options.start_ts === undefined ? {} : { start_ts: options.start_ts }),
    ...(options.end_ts === undefined ? {} : { end_ts: options.end_ts }),
  });
  const { keepLines } = checkCounts(options);
  const engine = options.engine ?? (await createEngine());
  const collected = await collectTraffic(engine, source, filter, {
    observeExecuted: true,
    keepLines,
    onProgress: options.onProgress,
  });
  return recommendFromTraffic(engine, collected, options, filter, keepLines);
}
