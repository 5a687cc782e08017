import type { SkippedReport, TrafficReplay } from "@pgbeam/policies-engine";
import type { CommandContext } from "../context.js";
import { impactOf, showImpacts } from "../remote/replay-impact.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";

/** Prints a replay as text: the counts and top changes (as plan shows them), then skipped lines. */
export function showReplay(
  context: CommandContext,
  name: string,
  replay: TrafficReplay,
  scope?: string,
): void {
  const { summary } = replay.result;
  showImpacts(context, [impactOf(name, "", replay.result, scope)]);
  context.out(
    `    ${count(summary.entries_scanned, "entry", "entries")} scanned, ${count(summary.distinct_queries, "distinct query", "distinct queries")}: ${summary.would_allow} allow, ${summary.would_block} block, ${summary.would_mask} mask, ${summary.would_row_filter} row filter`,
  );
  showSkipped(context, replay.skipped);
}

/** Prints what could not be read: counts per reason and the first lines, with their numbers. */
export function showSkipped({ out, paint }: CommandContext, skipped: SkippedReport): void {
  if (skipped.total === 0) return;
  const reasons = Object.entries(skipped.byReason)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(", ");
  out(paint.yellow(`    skipped ${count(skipped.total, "entry", "entries")} (${reasons}):`));
  for (const line of skipped.lines)
    out(paint.yellow(`      line ${line.line}: ${line.reason}: ${visible(line.detail)}`));
  if (skipped.total > skipped.lines.length)
    out(paint.yellow(`      … and ${skipped.total - skipped.lines.length} more`));
}
