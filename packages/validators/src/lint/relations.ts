/** Indexes of entries that repeat an earlier one under `keyOf`. */
export function repeatedIndexes(
  entries: readonly string[],
  keyOf: (entry: string) => string,
): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  entries.forEach((entry, index) => {
    const key = keyOf(entry);
    if (seen.has(key)) repeated.push(index);
    seen.add(key);
  });
  return repeated;
}
