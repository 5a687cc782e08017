import type { PolicyEngine } from "@pgbeam/policies-engine";
import type {
  PolicyProfile,
  PolicyProfileInput,
  PolicyRecommendation,
  PolicyRecommendationInput,
} from "@pgbeam/policies-types";
import { statementKinds } from "@pgbeam/policies-validators";
import { ranStatement } from "./audit-events.js";
import { replay } from "./replay.js";
import { recommendationDefaults } from "./spec-facts.gen.js";
import type { StoredAuditEntry } from "./store.js";

const dayMs = 24 * 60 * 60 * 1000;

/** The fewest executed, parseable statements a recommendation is made from. */
export const minimumStatements = 10;

/** The percentile of recorded `rows_returned` that `max_rows` is set to (nearest rank). */
export const rowsPercentile = 99;

/** What the recommendation reads: the agent credential, its traffic, and its current profile. */
export interface RecommendationSubject {
  agentId: string;
  traffic: readonly StoredAuditEntry[];
  /** The profile the credential is attached to in the mock (`mock.attach`), if any. */
  current: PolicyProfile | undefined;
}

interface Observation {
  relations: Set<string>;
  kinds: Set<string>;
  unlisted: Set<string>;
  wrote: boolean;
  rows: number[];
  masked: number;
  shapes: Set<string>;
  executed: number;
}

/**
 * Recommends the tightest profile that still passes every statement the credential ran in the
 * lookback window, as the service describes it: the allowlist is the union of the relations
 * its statements reached (the engine's `relationsOf`), `statement_rules.allow` the kinds it ran,
 * `read_only` when it never wrote, `max_rows` the 99th percentile of the rows it got back. Blocked
 * attempts are left out. The candidate is then replayed over the same history.
 */
export function recommend(
  engine: PolicyEngine,
  subject: RecommendationSubject,
  input: PolicyRecommendationInput | undefined,
  now: Date,
): PolicyRecommendation {
  const lookbackDays = input?.lookback_days ?? recommendationDefaults.lookback_days;
  const limit = input?.limit ?? recommendationDefaults.limit;
  const endMs = now.getTime();
  const startMs = endMs - lookbackDays * dayMs;
  const window = {
    window_start: new Date(startMs).toISOString(),
    window_end: new Date(endMs).toISOString(),
  };
  const inWindow = subject.traffic.filter(
    ({ entry, atMs }) => atMs >= startMs && atMs < endMs && entry.credential_id === subject.agentId,
  );
  const seen = observe(engine, inWindow, limit);
  const base = {
    observed_queries: seen.shapes.size,
    observed_entries: inWindow.length,
    ...window,
  };
  if (seen.executed < minimumStatements) {
    return {
      sufficient_history: false,
      message: `${subject.agentId} ran ${seen.executed} parseable statement${seen.executed === 1 ? "" : "s"} in the last ${lookbackDays} days (blocked attempts excluded); a recommendation needs at least ${minimumStatements}.`,
      ...base,
    };
  }
  const { candidate, notes } = candidateFrom(subject, seen);
  const replayed = replay(
    engine,
    inWindow,
    { start_ts: window.window_start, end_ts: window.window_end, limit },
    candidate,
    now,
    { credentials: new Set([subject.agentId]), summary: { traffic_scope: "project" } },
  );
  const blocked = replayed.items.filter((item) => item.change === "newly_blocked");
  if (blocked.length > 0) {
    notes.push(
      `${blocked.length} statement shape${blocked.length === 1 ? "" : "s"} the credential ran would be blocked by rules no allowlist relaxes: ${blocked.map((item) => `${item.sql} (${item.result.rule})`).join("; ")}.`,
    );
  }
  return { sufficient_history: true, candidate, replay: replayed, notes, ...base };
}

/** What the executed statements of the window reached, ran and returned. */
function observe(engine: PolicyEngine, entries: readonly StoredAuditEntry[], limit: number) {
  const seen: Observation = {
    relations: new Set(),
    kinds: new Set(),
    unlisted: new Set(),
    wrote: false,
    rows: [],
    masked: 0,
    shapes: new Set(),
    executed: 0,
  };
  const known = new Set<string>(statementKinds);
  const newestFirst = [...entries].sort((a, b) => b.atMs - a.atMs);
  for (const { entry } of newestFirst) {
    if (!ranStatement(entry.event, entry.sql)) continue;
    let hash: string;
    try {
      hash = engine.fingerprint(entry.sql).hash;
    } catch {
      continue;
    }
    if (!seen.shapes.has(hash) && seen.shapes.size >= limit) continue;
    seen.shapes.add(hash);
    seen.executed += 1;
    if (entry.event === "masked") seen.masked += 1;
    if (typeof entry.rows_returned === "number") seen.rows.push(entry.rows_returned);
    for (const relation of engine.relationsOf(entry.sql)) seen.relations.add(relation.key);
    for (const statement of engine.classifyStatement(entry.sql)) {
      if (statement.writes) seen.wrote = true;
      for (const kind of statement.kinds) (known.has(kind) ? seen.kinds : seen.unlisted).add(kind);
    }
  }
  return seen;
}

/** The nearest-rank percentile of some numbers. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function candidateFrom(
  subject: RecommendationSubject,
  seen: Observation,
): { candidate: PolicyProfileInput; notes: string[] } {
  const notes: string[] = [];
  const relations = [...seen.relations].sort();
  const kinds = statementKinds.filter((kind) => seen.kinds.has(kind));
  const candidate: PolicyProfileInput = {
    name: `${subject.agentId}-recommended`.slice(0, 128),
    access_mode: seen.wrote ? "read_write" : "read_only",
    table_allowlist: relations,
  };
  notes.push(
    `table_allowlist: the ${relations.length} relation${relations.length === 1 ? "" : "s"} its ${seen.executed} executed statements reached.`,
  );
  notes.push(
    seen.wrote
      ? "access_mode read_write: it ran statements that change data or schema or lock rows."
      : "access_mode read_only: it never wrote.",
  );
  if (seen.unlisted.size === 0) {
    candidate.statement_rules = { allow: kinds };
    notes.push(`statement_rules.allow: the kinds it ran (${kinds.join(", ")}).`);
  } else {
    notes.push(
      `statement_rules left open: it ran statements of no listed kind (${[...seen.unlisted].join(", ")}), which an allow list would block.`,
    );
  }
  if (seen.rows.length > 0) {
    const cap = Math.max(1, percentile(seen.rows, rowsPercentile));
    const over = seen.rows.filter((rows) => rows > cap).length;
    candidate.max_rows = cap;
    notes.push(
      `max_rows ${cap}: the ${rowsPercentile}th percentile (nearest rank) of rows_returned over ${seen.rows.length} statements; ${over} returned more and would be truncated, not blocked.`,
    );
  }
  const current = subject.current;
  if (current !== undefined) {
    for (const field of ["masking_rules", "row_filters", "table_denylist"] as const) {
      const kept = current[field];
      if (kept !== undefined && kept.length > 0) {
        (candidate as Record<string, unknown>)[field] = kept;
        notes.push(`${field}: kept from ${current.id}, the profile the credential is attached to.`);
      }
    }
  } else if (seen.masked > 0) {
    notes.push(
      `${seen.masked} statements were masked by the live policy, but no profile is attached to ${subject.agentId} here, so the candidate carries no masking_rules: add them before you apply it.`,
    );
  }
  return { candidate, notes };
}
