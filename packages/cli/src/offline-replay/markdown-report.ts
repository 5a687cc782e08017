import type { SkippedReport, TrafficReplay } from "@pgbeam/policies-engine";
import type { PolicyReplayItem } from "@pgbeam/policies-types";
import { visible } from "../terminal/visible.js";

/** How many statements of each change the Markdown report lists. */
const listed = 20;

/** Text for a Markdown table cell: controls made visible, pipes and backticks escaped, length bounded. */
function cell(text: string, max = 200): string {
  const flat = visible(text);
  const short = flat.length > max ? `${flat.slice(0, max)}…` : flat;
  return short
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/`/g, "'")
    .replace(/</g, "&lt;");
}

const number = (n: number) => n.toLocaleString("en-US");

function table(items: readonly PolicyReplayItem[]): string[] {
  const rows = items
    .slice(0, listed)
    .map(
      (item) =>
        `| ${number(item.occurrences)} | \`${cell(item.sql)}\` | ${cell(item.recorded_event)} | ${cell(item.result.rule)}: ${cell(item.result.reason)} |`,
    );
  const more = items.length > listed ? [``, `… and ${number(items.length - listed)} more.`] : [];
  return [
    "| occurrences | query | recorded | replayed |",
    "| ---: | --- | --- | --- |",
    ...rows,
    ...more,
  ];
}

function skippedLines(skipped: SkippedReport): string[] {
  if (skipped.total === 0) return [];
  const reasons = Object.entries(skipped.byReason)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${reason} ${number(count)}`)
    .join(", ");
  return [
    "",
    `<details><summary>${number(skipped.total)} ${skipped.total === 1 ? "entry" : "entries"} skipped (${reasons})</summary>`,
    "",
    ...skipped.lines.map((line) => `- line ${line.line}: ${line.reason}: ${cell(line.detail)}`),
    "",
    "</details>",
  ];
}

/** A replay as a Markdown section for a pull-request comment. */
export function markdownReport(title: string, replay: TrafficReplay, source: string): string {
  const { summary, items } = replay.result;
  const blocked = items.filter((item) => item.change === "newly_blocked");
  const allowed = items.filter((item) => item.change === "newly_allowed");
  const scope =
    summary.traffic_scope === "bound_credentials"
      ? `the ${number(summary.bound_credentials ?? 0)} bound credentials`
      : "every credential";
  const verdict =
    summary.newly_blocked > 0
      ? `**${number(summary.newly_blocked)} recorded queries would now be blocked.**`
      : "No recorded query would newly be blocked.";
  return [
    `### Policy replay: \`${cell(title)}\``,
    "",
    `${verdict} Replayed offline against \`${cell(source)}\` (${scope}).`,
    "",
    "| entries scanned | distinct queries | evaluated | allow | block | mask | row filter | newly blocked | newly allowed | skipped |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${[summary.entries_scanned, summary.distinct_queries, summary.evaluated, summary.would_allow, summary.would_block, summary.would_mask, summary.would_row_filter, summary.newly_blocked, summary.newly_allowed, summary.skipped_unparseable].map(number).join(" | ")} |`,
    ...(blocked.length > 0
      ? ["", `#### Newly blocked (${number(blocked.length)})`, "", ...table(blocked)]
      : []),
    ...(allowed.length > 0
      ? ["", `#### Newly allowed (${number(allowed.length)})`, "", ...table(allowed)]
      : []),
    ...(summary.truncated ? ["", "_Only the newest queries up to the limit were judged._"] : []),
    ...skippedLines(replay.skipped),
    "",
  ].join("\n");
}
