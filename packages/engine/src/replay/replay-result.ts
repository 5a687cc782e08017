import type {
  PolicyReplayItem,
  PolicyReplayResult,
  PolicyReplaySummary,
  ReplayChange,
} from "@pgbeam/policies-types";
import type { CollectedTraffic } from "./collected-traffic.js";
import type { ShapeOutcome } from "./evaluate-shape.js";
import { recordSkip, type SkippedReport } from "./skipped.js";
import type { TrafficShape } from "./traffic-shape.js";

/** What the summary says about whose traffic was read. */
export type ReplayScopeSummary = Pick<PolicyReplaySummary, "traffic_scope" | "bound_credentials">;

/** A replay's answer: the API's result, and what could not be read. */
export interface TrafficReplay {
  /** Exactly the API's `PolicyReplayResult`. */
  result: PolicyReplayResult;
  /** Entries left out, per reason, with the first lines (their total is `skipped_unparseable`). */
  skipped: SkippedReport;
  /** Entries read, whatever their window, scope or event. */
  entriesRead: number;
}

const changeOrder: Record<ReplayChange, number> = {
  newly_blocked: 0,
  newly_allowed: 1,
  still_allowed: 2,
  still_blocked: 2,
};

/** The shapes a replay judges: the newest `limit` (all without one), newest first; on a tie, the first seen first. */
export function shapesToJudge(
  shapes: readonly TrafficShape[],
  limit: number | undefined,
): TrafficShape[] {
  const newestFirst = [...shapes].sort(
    (a, b) =>
      b.lastMs - a.lastMs ||
      a.firstLine - b.firstLine ||
      (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0),
  );
  return limit === undefined ? newestFirst : newestFirst.slice(0, limit);
}

/**
 * The API's result from what was read and the verdict on each judged shape (in `judged` order):
 * items changes first (newly blocked, then newly allowed), then by occurrences; shapes whose SQL
 * could not be judged are counted as skipped.
 */
export function replayResult(
  collected: CollectedTraffic,
  judged: readonly TrafficShape[],
  outcomes: readonly ShapeOutcome[],
  scope: ReplayScopeSummary,
  keepLines: number,
): TrafficReplay {
  const skipped = structuredClone(collected.skipped);
  const items: PolicyReplayItem[] = [];
  judged.forEach((shape, index) => {
    const outcome = outcomes[index];
    if (outcome === undefined) throw new Error(`replay: no verdict for shape ${shape.hash}`);
    if (outcome.ok) items.push(outcome.item);
    else {
      const more = shape.occurrences - 1;
      recordSkip(
        skipped,
        keepLines,
        {
          line: shape.firstLine,
          reason: "unparseable_sql",
          detail: `${outcome.detail}${more > 0 ? ` (and ${more} more entr${more === 1 ? "y" : "ies"} of query_hash ${shape.hash})` : ""}`,
        },
        shape.occurrences,
      );
    }
  });
  items.sort(
    (a, b) => changeOrder[a.change] - changeOrder[b.change] || b.occurrences - a.occurrences,
  );
  const unjudgeable = judged.length - items.length;
  const verdicts = { allow: 0, block: 0, mask: 0, "row-filter": 0 };
  let newlyBlocked = 0;
  let newlyAllowed = 0;
  for (const item of items) {
    verdicts[item.result.verdict] += 1;
    if (item.change === "newly_blocked") newlyBlocked += 1;
    if (item.change === "newly_allowed") newlyAllowed += 1;
  }
  return {
    result: {
      summary: {
        entries_scanned: collected.scanned,
        distinct_queries: collected.shapes.length - unjudgeable,
        evaluated: items.length,
        would_allow: verdicts.allow,
        would_block: verdicts.block,
        would_mask: verdicts.mask,
        would_row_filter: verdicts["row-filter"],
        newly_blocked: newlyBlocked,
        newly_allowed: newlyAllowed,
        skipped_unparseable: skipped.total,
        truncated: judged.length < collected.shapes.length,
        ...scope,
      },
      items,
    },
    skipped,
    entriesRead: collected.entriesRead,
  };
}
