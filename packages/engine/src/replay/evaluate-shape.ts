import type { PolicyReplayItem, ReplayChange } from "@pgbeam/policies-types";
import type { PolicyEngine } from "../engine.js";
import type { CompiledPolicy } from "../policy.js";
import { wasRefused } from "./audit-events.js";
import type { TrafficShape } from "./traffic-shape.js";

/** A shape's replayed item, or why its statement could not be judged. */
export type ShapeOutcome = { ok: true; item: PolicyReplayItem } | { ok: false; detail: string };

/** Rules by which the engine refuses text that holds no statement it can read. */
const unreadable = new Set(["parse_error", "empty"]);

/**
 * Judges one shape: the newest entry's recorded SQL, or its normalized text when the recorded
 * one does not parse (audit logs truncate long statements); the change compares that verdict
 * with the newest entry's recorded event.
 */
export function evaluateShape(
  engine: PolicyEngine,
  policy: CompiledPolicy,
  shape: TrafficShape,
): ShapeOutcome {
  const { latest } = shape;
  const texts = [latest.sql, latest.normalized_sql, shape.normalized].filter(
    (text, index, all): text is string => text !== undefined && all.indexOf(text) === index,
  );
  let judged: { sql: string; result: PolicyReplayItem["result"] } | undefined;
  let refusal = "no SQL to judge";
  for (const sql of texts) {
    const result = engine.evaluate(sql, policy);
    if (!unreadable.has(result.rule)) {
      judged = { sql, result };
      break;
    }
    refusal = result.reason;
  }
  if (judged === undefined) return { ok: false, detail: refusal };
  const { sql, result } = judged;
  const normalized =
    latest.normalized_sql ?? shape.normalized ?? engine.fingerprint(sql).normalized;
  const kind = latest.kind ?? engine.classifyStatement(sql)[0]?.kind;
  const wasBlocked = wasRefused(latest.event);
  const isBlocked = result.verdict === "block";
  const change: ReplayChange = isBlocked
    ? wasBlocked
      ? "still_blocked"
      : "newly_blocked"
    : wasBlocked
      ? "newly_allowed"
      : "still_allowed";
  return {
    ok: true,
    item: {
      query_hash: shape.hash,
      sql: normalized,
      ...(kind === undefined ? {} : { statement_kind: kind }),
      occurrences: shape.occurrences,
      first_seen: new Date(shape.firstMs).toISOString(),
      last_seen: new Date(shape.lastMs).toISOString(),
      recorded_event: latest.event,
      ...(latest.rule === undefined ? {} : { recorded_rule: latest.rule }),
      change,
      result,
    },
  };
}
