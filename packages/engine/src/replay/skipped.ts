/** Why an entry was left out of a replay. */
export type SkipReason = "invalid_json" | "invalid_entry" | "no_sql" | "unparseable_sql";

/** Every skip reason, in the order reports list them. */
export const skipReasons: readonly SkipReason[] = [
  "invalid_json",
  "invalid_entry",
  "no_sql",
  "unparseable_sql",
];

/** One skipped line: where, why, and what was wrong with it. */
export interface SkippedLine {
  /** 1-based line of the export (or position in the entries given). */
  line: number;
  reason: SkipReason;
  detail: string;
}

/** What a replay could not read: counts per reason and the first lines, in line order. */
export interface SkippedReport {
  /** Every skipped entry (the summary's `skipped_unparseable`). */
  total: number;
  byReason: Record<SkipReason, number>;
  /** The first skipped lines (at most `maxReportedLines`), sorted by line. */
  lines: SkippedLine[];
}

/** The number of skipped lines a report keeps by default. */
export const defaultReportedLines = 20;

/** An empty report. */
export function emptySkipped(): SkippedReport {
  return {
    total: 0,
    byReason: { invalid_json: 0, invalid_entry: 0, no_sql: 0, unparseable_sql: 0 },
    lines: [],
  };
}

/** Counts `count` skipped entries under `reason`, keeping the line while the report has room. */
export function recordSkip(
  report: SkippedReport,
  keep: number,
  skipped: SkippedLine,
  count = 1,
): void {
  report.total += count;
  report.byReason[skipped.reason] += count;
  if (report.lines.length < keep) {
    report.lines.push(skipped);
    if (skipped.line < (report.lines.at(-2)?.line ?? 0))
      report.lines.sort((a, b) => a.line - b.line);
  } else if (keep > 0 && skipped.line < (report.lines.at(-1)?.line ?? 0)) {
    report.lines[report.lines.length - 1] = skipped;
    report.lines.sort((a, b) => a.line - b.line);
  }
}

/** Adds `other` into `report`, keeping the first `keep` lines of both. */
export function mergeSkipped(report: SkippedReport, other: SkippedReport, keep: number): void {
  report.total += other.total;
  for (const reason of skipReasons) report.byReason[reason] += other.byReason[reason];
  report.lines = [...report.lines, ...other.lines].sort((a, b) => a.line - b.line).slice(0, keep);
}
