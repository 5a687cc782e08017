import type { PolicyEngine } from "@pgbeam/policies-engine";
import type {
  DryEvalResult,
  PolicyProfile,
  PolicyProfileInput,
  PolicyReplayInput,
  PolicyReplayItem,
  PolicyReplayResult,
  ReplayChange,
} from "@pgbeam/policies-types";
import { wasRefused } from "./audit-events.js";
import { policyReplayDefaults } from "./replay-defaults.js";
import type { StoredAuditEntry } from "./store.js";

const dayMs = 24 * 60 * 60 * 1000;

interface Group {
  hash: string;
  normalized: string;
  latest: StoredAuditEntry["entry"];
  first: number;
  last: number;
  count: number;
}

const changeOrder: Record<ReplayChange, number> = {
  newly_blocked: 0,
  newly_allowed: 1,
  still_allowed: 2,
  still_blocked: 2,
};

/** Which traffic a replay reads: one credential's, the credentials bound to a profile, or all. */
export interface ReplayScope {
  /** Only entries of these credentials (undefined: every entry of the project). */
  credentials: ReadonlySet<string> | undefined;
  summary: Pick<PolicyReplayResult["summary"], "traffic_scope" | "bound_credentials">;
}

/**
 * Replays recorded traffic against a policy, as the service does: the window is
 * [start_ts, end_ts) (default: the 7 days before now), the scope's credentials only;
 * statements are grouped by the engine's fingerprint, the newest `limit` groups are evaluated,
 * and items come changes first (newly blocked, then newly allowed), then by occurrences.
 */
export function replay(
  engine: PolicyEngine,
  traffic: readonly StoredAuditEntry[],
  input: Pick<PolicyReplayInput, "start_ts" | "end_ts" | "limit">,
  policy: PolicyProfileInput | PolicyProfile,
  now: Date,
  scope: ReplayScope,
): PolicyReplayResult {
  const endMs = input.end_ts === undefined ? now.getTime() : Date.parse(input.end_ts);
  const startMs =
    input.start_ts === undefined
      ? endMs - policyReplayDefaults.windowDays * dayMs
      : Date.parse(input.start_ts);
  const limit = input.limit ?? policyReplayDefaults.limit;
  const compiled = engine.compile(policy);
  const groups = new Map<string, Group>();
  let scanned = 0;
  let unparseable = 0;
  for (const { entry, atMs } of traffic) {
    if (atMs < startMs || atMs >= endMs || entry.sql === "") continue;
    if (scope.credentials !== undefined && !scope.credentials.has(entry.credential_id ?? ""))
      continue;
    scanned += 1;
    let shape: { hash: string; normalized: string };
    try {
      shape = engine.fingerprint(entry.sql);
    } catch {
      unparseable += 1;
      continue;
    }
    const group = groups.get(shape.hash);
    if (group === undefined) {
      groups.set(shape.hash, {
        ...shape,
        latest: entry,
        first: atMs,
        last: atMs,
        count: 1,
      });
      continue;
    }
    group.count += 1;
    group.first = Math.min(group.first, atMs);
    if (atMs >= group.last) {
      group.last = atMs;
      group.latest = entry;
    }
  }
  const newestFirst = [...groups.values()].sort((a, b) => b.last - a.last);
  const replayed = newestFirst.slice(0, limit);
  const items = replayed.map((group) => item(engine, compiled, group));
  items.sort(
    (a, b) => changeOrder[a.change] - changeOrder[b.change] || b.occurrences - a.occurrences,
  );
  const count = (test: (result: DryEvalResult) => boolean) =>
    items.filter((i) => test(i.result)).length;
  return {
    summary: {
      entries_scanned: scanned,
      distinct_queries: groups.size,
      evaluated: items.length,
      would_allow: count((r) => r.verdict === "allow"),
      would_block: count((r) => r.verdict === "block"),
      would_mask: count((r) => r.verdict === "mask"),
      would_row_filter: count((r) => r.verdict === "row-filter"),
      newly_blocked: items.filter((i) => i.change === "newly_blocked").length,
      newly_allowed: items.filter((i) => i.change === "newly_allowed").length,
      skipped_unparseable: unparseable,
      truncated: newestFirst.length > limit,
      ...scope.summary,
    },
    items,
  };
}

function item(
  engine: PolicyEngine,
  policy: ReturnType<PolicyEngine["compile"]>,
  group: Group,
): PolicyReplayItem {
  const result = engine.evaluate(group.latest.sql, policy);
  const wasBlocked = wasRefused(group.latest.event);
  const isBlocked = result.verdict === "block";
  const change: ReplayChange = isBlocked
    ? wasBlocked
      ? "still_blocked"
      : "newly_blocked"
    : wasBlocked
      ? "newly_allowed"
      : "still_allowed";
  const kind = engine.classifyStatement(group.latest.sql)[0]?.kind;
  return {
    query_hash: group.hash,
    sql: group.normalized,
    occurrences: group.count,
    first_seen: new Date(group.first).toISOString(),
    last_seen: new Date(group.last).toISOString(),
    recorded_event: group.latest.event,
    ...(group.latest.decision_rule === undefined
      ? {}
      : { recorded_rule: group.latest.decision_rule }),
    change,
    ...(kind === undefined ? {} : { statement_kind: kind }),
    result,
  };
}
