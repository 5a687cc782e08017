/** A relation name as the proxy compares it: case-insensitive, quotes dropped, `public.` implied. */
export function relationKey(name: string): string {
  const plain = name.replaceAll('"', "").trim().toLowerCase();
  return plain.startsWith("public.") ? plain.slice("public.".length) : plain;
}

/** True when a relation can be reached under the allow and deny lists. */
export function isReachable(
  name: string,
  allowlist: readonly string[],
  denylist: readonly string[],
): boolean {
  const key = relationKey(name);
  if (denylist.some((entry) => relationKey(entry) === key)) return false;
  return allowlist.length === 0 || allowlist.some((entry) => relationKey(entry) === key);
}

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
