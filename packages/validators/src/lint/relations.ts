/** A relation name as the proxy compares it: case-insensitive, quotes dropped, `public.` implied. */
export function relationKey(name: string): string {
  const plain = name.replaceAll('"', "").trim().toLowerCase();
  return plain.startsWith("public.") ? plain.slice("public.".length) : plain;
}

/**
 * Whether a relation can be reached under the allow and deny lists (deny wins; an empty
 * allowlist allows everything). The lists are indexed once, so each question costs O(1).
 */
export function reachability(
  allowlist: readonly string[],
  denylist: readonly string[],
): (name: string) => boolean {
  const allowed = new Set(allowlist.map(relationKey));
  const denied = new Set(denylist.map(relationKey));
  return (name) => {
    const key = relationKey(name);
    return !denied.has(key) && (allowed.size === 0 || allowed.has(key));
  };
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
