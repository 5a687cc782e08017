/** The nearest-rank percentile `p` of values given as value → how many times it occurred. */
export function percentileOfCounts(counts: ReadonlyMap<number, number>, p: number): number {
  const values = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  const total = values.reduce((sum, [, count]) => sum + count, 0);
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [value, count] of values) {
    seen += count;
    if (seen >= rank) return value;
  }
  return values.at(-1)?.[0] ?? 0;
}
