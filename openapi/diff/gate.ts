import type { SpecChange } from "./classify.js";

/** A changeset's bump levels, in increasing order. */
export type Bump = "patch" | "minor" | "major";
const rank: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/** Reads a changeset file's front matter: package name → bump. */
export function parseChangeset(text: string): Map<string, Bump> {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
  const bumps = new Map<string, Bump>();
  for (const line of front.split(/\r?\n/)) {
    const match = /^\s*["']?([^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/.exec(line);
    if (match?.[1] && match[2]) bumps.set(match[1], match[2] as Bump);
  }
  return bumps;
}

/** The bump a set of changes needs: major for any breaking one, minor for any other contract change. */
export function requiredBump(changes: readonly SpecChange[]): Bump | undefined {
  if (changes.some((c) => c.impact === "breaking")) return "major";
  if (changes.some((c) => c.impact === "non-breaking")) return "minor";
  return undefined;
}

/**
 * Checks that the changesets cover the spec changes for every package whose public types come from
 * the spec. Returns one message per package that lacks the bump, naming the changes that need it.
 */
export function checkChangesets(
  changes: readonly SpecChange[],
  changesets: readonly Map<string, Bump>[],
  packages: readonly string[],
): string[] {
  const needed = requiredBump(changes);
  if (!needed) return [];
  const reasons = changes
    .filter((c) => c.impact === (needed === "major" ? "breaking" : "non-breaking"))
    .slice(0, 5)
    .map((c) => `    - ${c.where}: ${c.message}`)
    .join("\n");
  return packages.flatMap((name) => {
    const found = changesets
      .map((set) => set.get(name))
      .filter((bump): bump is Bump => bump !== undefined);
    const best = found.sort((a, b) => rank[b] - rank[a])[0];
    if (best && rank[best] >= rank[needed]) return [];
    const kind = needed === "major" ? "a breaking change" : "a contract change";
    return [
      `${name} needs a ${needed} changeset for ${kind} (found ${best ?? "none"}); run \`pnpm changeset\`. Changes:\n${reasons}`,
    ];
  });
}
