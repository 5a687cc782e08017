import type { Row } from "./measure.js";

/** The rows as one aligned table; a skipped row shows dashes and says why. */
export function format(rows: Row[]): string {
  const header = ["group", "contender", "mean", "ops/s", "vs baseline", "target", "note"];
  const lines = rows.map((row) => {
    if (row.skipped !== undefined) {
      return [row.group, row.name, "—", "—", "—", "", `skipped: ${row.skipped}`];
    }
    const met =
      row.target === undefined
        ? ""
        : `${row.ratio <= row.target ? "met" : "MISSED"} (≤ ${row.target}×)`;
    return [
      row.group,
      row.name,
      row.meanUs >= 1000 ? `${(row.meanUs / 1000).toFixed(1)} ms` : `${row.meanUs.toFixed(2)} µs`,
      Math.round(row.opsPerSec).toLocaleString("en-US"),
      `${row.ratio.toFixed(2)}× ${row.baseline}`,
      met,
      row.note ?? "",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [render(header), render(widths.map((w) => "-".repeat(w))), ...lines.map(render)].join(
    "\n",
  );
}
