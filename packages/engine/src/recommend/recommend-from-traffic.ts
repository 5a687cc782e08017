import type { PolicyRecommendation } from "@pgbeam/policies-types";
import type { PolicyEngine } from "../engine.js";
import type { CollectedTraffic } from "../replay/collected-traffic.js";
import { evaluateShape } from "../replay/evaluate-shape.js";
import { replayResult, shapesToJudge } from "../replay/replay-result.js";
import type { SkippedReport } from "../replay/skipped.js";
import { candidateFrom, minimumStatements } from "./candidate.js";
import { observe } from "./observation.js";
import type { RecommendOptions } from "./recommendation-options.js";

/** A recommendation and what of the traffic could not be read. */
export interface TrafficRecommendation {
  /** Exactly the API's `PolicyRecommendation`. */
  recommendation: PolicyRecommendation;
  /** Entries left out, per reason, with the first lines. */
  skipped: SkippedReport;
}

/**
 * Derives the recommendation from one credential's collected traffic (read with
 * `observeExecuted`), as the service describes it, and replays the candidate over the same
 * shapes: a good candidate has `replay.summary.newly_blocked == 0`.
 */
export function recommendFromTraffic(
  engine: PolicyEngine,
  collected: CollectedTraffic,
  options: RecommendOptions,
  window: { startMs: number; endMs: number },
  keepLines: number,
): TrafficRecommendation {
  const credential = options.credential_id;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const { startMs, endMs } = windowOf(collected, window);
  const base = {
    observed_queries: 0,
    observed_entries: collected.inScope,
    window_start: new Date(startMs).toISOString(),
    window_end: new Date(endMs).toISOString(),
  };
  const seen = observe(engine, collected.shapes, limit);
  base.observed_queries = seen.shapes;
  if (seen.executed < minimumStatements) {
    const label = options.windowLabel ?? `between ${base.window_start} and ${base.window_end}`;
    return {
      recommendation: {
        sufficient_history: false,
        message: `${credential} ran ${seen.executed} parseable statement${seen.executed === 1 ? "" : "s"} ${label} (blocked attempts excluded); a recommendation needs at least ${minimumStatements}.`,
        ...base,
      },
      skipped: collected.skipped,
    };
  }
  const { candidate, notes } = candidateFrom(credential, seen, options.current);
  const policy = engine.compile(candidate);
  const judged = shapesToJudge(collected.shapes, Number.isFinite(limit) ? limit : undefined);
  const replayed = replayResult(
    collected,
    judged,
    judged.map((shape) => evaluateShape(engine, policy, shape)),
    { traffic_scope: "project" },
    keepLines,
  );
  const blocked = replayed.result.items.filter((item) => item.change === "newly_blocked");
  if (blocked.length > 0)
    notes.push(
      `${blocked.length} statement shape${blocked.length === 1 ? "" : "s"} the credential ran would be blocked by rules no allowlist relaxes: ${blocked.map((item) => `${item.sql} (${item.result.rule})`).join("; ")}.`,
    );
  return {
    recommendation: {
      sufficient_history: true,
      candidate,
      replay: replayed.result,
      notes,
      ...base,
    },
    skipped: replayed.skipped,
  };
}

/** The window the recommendation states: as given, else from the oldest to just after the newest entry. */
function windowOf(
  collected: CollectedTraffic,
  window: { startMs: number; endMs: number },
): { startMs: number; endMs: number } {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const shape of collected.shapes) {
    first = Math.min(first, shape.firstMs);
    last = Math.max(last, shape.lastMs);
  }
  const now = Date.now();
  const startMs = Number.isFinite(window.startMs)
    ? window.startMs
    : Number.isFinite(first)
      ? first
      : now;
  const endMs = Number.isFinite(window.endMs)
    ? window.endMs
    : Number.isFinite(last)
      ? last + 1
      : now;
  return { startMs, endMs };
}
