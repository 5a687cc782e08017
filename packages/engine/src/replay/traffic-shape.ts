/** The newest recorded entry of a query shape: what the replay compares its verdict with. */
export interface RecordedStatement {
  /** Its line in the export (or position in the entries given). */
  line: number;
  sql: string | undefined;
  /** Its normalized text: its own `normalized_sql`, else its fingerprint's. */
  normalized_sql: string | undefined;
  event: string;
  rule: string | undefined;
  kind: string | undefined;
}

/** The executed entries of a shape (blocked attempts excluded): what a recommendation reads. */
export interface ExecutedStatements {
  count: number;
  /** How many of them the live policy masked. */
  masked: number;
  lastMs: number;
  lastLine: number;
  /** The newest executed entry's SQL. */
  sql: string;
  /** How many executed entries returned each row count. */
  rows: Map<number, number>;
}

/**
 * One distinct query shape of the traffic: plain data (it crosses worker threads), and all a
 * replay keeps, so memory grows with shapes, never with entries.
 */
export interface TrafficShape {
  /** `query_hash`, or the parser's fingerprint when the entries carry none. */
  hash: string;
  /** The `$N`-normalized text, when an entry or the fingerprint gave one. */
  normalized: string | undefined;
  occurrences: number;
  firstMs: number;
  lastMs: number;
  firstLine: number;
  latest: RecordedStatement;
  executed: ExecutedStatements | undefined;
}

/** True when (aMs, aLine) is newer than (bMs, bLine): later time, then later line. */
export function isNewer(aMs: number, aLine: number, bMs: number, bLine: number): boolean {
  return aMs > bMs || (aMs === bMs && aLine > bLine);
}

/** Folds `other` (the same shape, seen elsewhere in the traffic) into `shape`. */
export function mergeShape(shape: TrafficShape, other: TrafficShape): void {
  shape.occurrences += other.occurrences;
  if (other.firstMs < shape.firstMs) shape.firstMs = other.firstMs;
  if (other.firstLine < shape.firstLine) shape.firstLine = other.firstLine;
  if (isNewer(other.lastMs, other.latest.line, shape.lastMs, shape.latest.line)) {
    shape.lastMs = other.lastMs;
    shape.latest = other.latest;
  }
  shape.normalized ??= other.normalized;
  const theirs = other.executed;
  if (theirs === undefined) return;
  const mine = shape.executed;
  if (mine === undefined) {
    shape.executed = theirs;
    return;
  }
  mine.count += theirs.count;
  mine.masked += theirs.masked;
  for (const [rows, count] of theirs.rows) mine.rows.set(rows, (mine.rows.get(rows) ?? 0) + count);
  if (isNewer(theirs.lastMs, theirs.lastLine, mine.lastMs, mine.lastLine)) {
    mine.lastMs = theirs.lastMs;
    mine.lastLine = theirs.lastLine;
    mine.sql = theirs.sql;
  }
}
