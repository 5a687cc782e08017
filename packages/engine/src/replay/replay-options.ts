import type { PolicyEngine } from "../engine.js";
import type { CompiledPolicy, PolicyLike } from "../policy.js";
import type { ReplayScopeSummary } from "./replay-result.js";
import { defaultReportedLines } from "./skipped.js";
import type { TrafficFilter } from "./traffic-filter.js";

/** How far a replay has got, for a progress display. */
export interface ReplayProgress {
  /** `reading` the traffic, then `judging` its distinct shapes. */
  phase: "reading" | "judging";
  /** Entries read so far. */
  entriesRead: number;
  /** Distinct shapes found so far (with workers: at least this many). */
  distinctShapes: number;
  /** Bytes of the file read so far, when reading a file. */
  bytesRead?: number;
  /** Shapes judged so far, while judging. */
  judged?: number;
}

/** Options of a replay: the policy, which traffic, and how much to report. */
export interface ReplayOptions extends TrafficFilter {
  /** The policy to replay: a draft, a saved profile, or a compiled policy. */
  policy: PolicyLike | CompiledPolicy;
  /** The engine to use (default: `createEngine()`, the shared one). */
  engine?: PolicyEngine;
  /** Judge only the newest `limit` distinct shapes (default: all of them). */
  limit?: number;
  /** How many skipped lines the report keeps (default 20). */
  maxReportedLines?: number;
  /** Called now and then while the replay reads and judges. */
  onProgress?: (progress: ReplayProgress) => void;
}

/** Checks `limit` and `maxReportedLines`; throws a `TypeError` that names the option. */
export function checkCounts(options: {
  limit?: number | undefined;
  maxReportedLines?: number | undefined;
}): { limit: number | undefined; keepLines: number } {
  const { limit, maxReportedLines } = options;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 1))
    throw new TypeError(
      `replay: limit must be a whole number of 1 or more (got ${String(limit)}).`,
    );
  if (
    maxReportedLines !== undefined &&
    !(Number.isSafeInteger(maxReportedLines) && maxReportedLines >= 0)
  )
    throw new TypeError(
      `replay: maxReportedLines must be a whole number of 0 or more (got ${String(maxReportedLines)}).`,
    );
  return { limit, keepLines: maxReportedLines ?? defaultReportedLines };
}

/** The summary's scope fields for a filter. */
export function scopeSummary(filter: TrafficFilter): ReplayScopeSummary {
  return filter.bound_credentials === undefined
    ? { traffic_scope: "project" }
    : { traffic_scope: "bound_credentials", bound_credentials: filter.bound_credentials.length };
}

/** How often (in entries) progress is reported. */
export const progressEvery = 16_384;
