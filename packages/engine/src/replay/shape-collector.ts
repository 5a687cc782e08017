import type { PolicyEngine } from "../engine.js";
import { carriesStatement, ranStatement } from "./audit-events.js";
import type { CollectedTraffic } from "./collected-traffic.js";
import { emptySkipped, recordSkip, type SkipReason } from "./skipped.js";
import { type CompiledFilter, passes } from "./traffic-filter.js";
import { isNewer, type TrafficShape } from "./traffic-shape.js";

/** How a collector reads entries. */
export interface CollectorOptions {
  /** Also keep what the recommendation reads (executed counts, row counts). */
  observeExecuted: boolean;
  /** How many skipped lines to keep for the report. */
  keepLines: number;
}

/**
 * Reads audit-log entries one at a time into distinct query shapes, grouped by `query_hash`
 * (else by the parser's fingerprint, never by raw text). What it cannot read is counted per
 * reason with its line; nothing throws.
 */
export class ShapeCollector {
  private readonly shapes = new Map<string, TrafficShape>();
  private readonly result: CollectedTraffic = {
    shapes: [],
    entriesRead: 0,
    inScope: 0,
    scanned: 0,
    skipped: emptySkipped(),
  };

  constructor(
    private readonly engine: PolicyEngine,
    private readonly filter: CompiledFilter,
    private readonly options: CollectorOptions,
  ) {}

  /** Distinct shapes so far. */
  get distinctShapes(): number {
    return this.shapes.size;
  }

  /** Entries read so far. */
  get entriesRead(): number {
    return this.result.entriesRead;
  }

  /** Reads one line of JSON Lines (blank lines are ignored). */
  acceptLine(text: string, line: number): void {
    if (text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.result.entriesRead += 1;
      this.skip(line, "invalid_json", (error as Error).message);
      return;
    }
    this.accept(value, line);
  }

  /** Reads one entry. */
  accept(value: unknown, line: number): void {
    this.result.entriesRead += 1;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.skip(line, "invalid_entry", `not an audit-log entry object (got ${describe(value)})`);
      return;
    }
    const entry = value as Record<string, unknown>;
    const { ts, event, sql, normalized_sql, query_hash, credential_id } = entry;
    const wrong = fieldProblem(entry);
    if (wrong !== undefined) {
      this.skip(line, "invalid_entry", wrong);
      return;
    }
    const atMs = Date.parse(ts as string);
    if (!passes(this.filter, atMs, credential_id as string | null | undefined)) return;
    this.result.inScope += 1;
    if (!carriesStatement(event as string)) return;
    this.result.scanned += 1;
    const text = nonEmpty(sql) ?? nonEmpty(normalized_sql);
    if (text === undefined) {
      this.skip(line, "no_sql", "neither sql nor normalized_sql holds a statement");
      return;
    }
    let hash = nonEmpty(query_hash);
    let normalized = nonEmpty(normalized_sql);
    if (hash === undefined) {
      try {
        const fingerprint = this.engine.fingerprint(text);
        hash = fingerprint.hash;
        normalized ??= fingerprint.normalized;
      } catch (error) {
        this.skip(line, "unparseable_sql", (error as Error).message);
        return;
      }
    }
    this.add(hash, normalized, entry, atMs, line);
  }

  /** What was read: shapes, counters and the skipped report. */
  collected(): CollectedTraffic {
    return { ...this.result, shapes: [...this.shapes.values()] };
  }

  private add(
    hash: string,
    normalized: string | undefined,
    entry: Record<string, unknown>,
    atMs: number,
    line: number,
  ): void {
    let shape = this.shapes.get(hash);
    const recorded = () => ({
      line,
      sql: nonEmpty(entry.sql),
      normalized_sql: normalized,
      event: entry.event as string,
      rule: nonEmpty(entry.decision_rule),
      kind: nonEmpty(entry.statement_kind),
    });
    if (shape === undefined) {
      shape = {
        hash,
        normalized,
        occurrences: 1,
        firstMs: atMs,
        lastMs: atMs,
        firstLine: line,
        latest: recorded(),
        executed: undefined,
      };
      this.shapes.set(hash, shape);
    } else {
      shape.occurrences += 1;
      if (atMs < shape.firstMs) shape.firstMs = atMs;
      if (isNewer(atMs, line, shape.lastMs, shape.latest.line)) {
        shape.lastMs = atMs;
        shape.latest = recorded();
      }
      shape.normalized ??= normalized;
    }
    if (this.options.observeExecuted && ranStatement(entry.event as string))
      observeExecuted(shape, entry, atMs, line);
  }

  private skip(line: number, reason: SkipReason, detail: string): void {
    recordSkip(this.result.skipped, this.options.keepLines, { line, reason, detail });
  }
}

function observeExecuted(
  shape: TrafficShape,
  entry: Record<string, unknown>,
  atMs: number,
  line: number,
): void {
  const sql = nonEmpty(entry.sql) ?? nonEmpty(entry.normalized_sql) ?? "";
  let executed = shape.executed;
  if (executed === undefined) {
    executed = { count: 0, masked: 0, lastMs: atMs, lastLine: line, sql, rows: new Map() };
    shape.executed = executed;
  } else if (isNewer(atMs, line, executed.lastMs, executed.lastLine)) {
    executed.lastMs = atMs;
    executed.lastLine = line;
    executed.sql = sql;
  }
  executed.count += 1;
  if (entry.event === "masked") executed.masked += 1;
  const rows = entry.rows_returned;
  if (typeof rows === "number" && Number.isSafeInteger(rows) && rows >= 0)
    executed.rows.set(rows, (executed.rows.get(rows) ?? 0) + 1);
}

/** What is wrong with the fields a replay reads, if anything. */
function fieldProblem(entry: Record<string, unknown>): string | undefined {
  if (typeof entry.ts !== "string")
    return `ts must be an RFC 3339 date-time (got ${describe(entry.ts)})`;
  if (Number.isNaN(Date.parse(entry.ts)))
    return `ts must be an RFC 3339 date-time (got ${describe(entry.ts)})`;
  if (typeof entry.event !== "string")
    return `event must be a string (got ${describe(entry.event)})`;
  for (const field of ["sql", "normalized_sql", "query_hash", "decision_rule", "statement_kind"]) {
    const value = entry[field];
    if (value !== undefined && value !== null && typeof value !== "string")
      return `${field} must be a string (got ${describe(value)})`;
  }
  const credential = entry.credential_id;
  if (credential !== undefined && credential !== null && typeof credential !== "string")
    return `credential_id must be a string or null (got ${describe(credential)})`;
  return undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A value named for a message: short, and never the whole of a long string. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : String(value);
}
