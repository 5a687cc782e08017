import type { SpecChange } from "./classify.js";

/** A changeset's bump levels, in increasing order. */
export type Bump = "patch" | "minor" | "major";
const rank: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/** A published package the gate checks: its name and the version in its package.json. */
export interface GatedPackage {
  /** The npm name, e.g. `@pgbeam/policies-types`. */
  name: string;
  /** The version in the working tree's package.json (`0.0.0` until the first release). */
  version: string;
}

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

/**
 * The bump a set of changes needs for a package at `version`. From 1.0.0 on: major for any breaking
 * change, minor for any other contract change. Below 1.0.0 semver moves one place down, as caret
 * ranges do (`^0.3.1` accepts 0.3.x, not 0.4.0): minor for a breaking change, patch for the rest.
 */
export function requiredBump(changes: readonly SpecChange[], version = "1.0.0"): Bump | undefined {
  const initial = Number.parseInt(version, 10) === 0;
  if (changes.some((c) => c.impact === "breaking")) return initial ? "minor" : "major";
  if (changes.some((c) => c.impact === "non-breaking")) return initial ? "patch" : "minor";
  return undefined;
}

/**
 * Checks that the changesets cover the spec changes for every package whose public types come from
 * the spec. Returns one message per package that lacks the bump, naming the changes that need it.
 */
export function checkChangesets(
  changes: readonly SpecChange[],
  changesets: readonly Map<string, Bump>[],
  packages: readonly GatedPackage[],
): string[] {
  const breaking = changes.some((c) => c.impact === "breaking");
  const reasons = changes
    .filter((c) => c.impact === (breaking ? "breaking" : "non-breaking"))
    .slice(0, 5)
    .map((c) => `    - ${c.where}: ${c.message}`)
    .join("\n");
  return packages.flatMap(({ name, version }) => {
    const needed = requiredBump(changes, version);
    if (!needed) return [];
    const found = changesets
      .map((set) => set.get(name))
      .filter((bump): bump is Bump => bump !== undefined);
    const best = found.sort((a, b) => rank[b] - rank[a])[0];
    if (best && rank[best] >= rank[needed]) return [];
    const kind = breaking ? "a breaking change" : "a contract change";
    return [
      `${name} ${version} needs a ${needed} changeset for ${kind} (found ${best ?? "none"}); run \`pnpm changeset\`. Changes:\n${reasons}`,
    ];
  });
}
