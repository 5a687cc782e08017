// The regression corpus: one JSON file per finding in test/fuzz/corpus/, replayed by every
// `pnpm test`. `pnpm fuzz` adds files; people fix the engine, never the files.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

/** One minimized finding. */
export interface CorpusEntry {
  /** The minimized SQL that leaked. */
  sql: string;
  /** The fuzz policy (test/fuzz/policies.ts) it leaked under. */
  policy: string;
  /** What PostgreSQL let out when it was found (canary, why it is kept in, where it was seen). */
  leaked: string[];
  /** The generated statement before minimization, with its seed and mutations. */
  found_as: { seed: number; sql: string; mutations: string[] };
}

const folder = new URL("./corpus/", import.meta.url);

/** Every corpus entry, by file name, in file-name order. */
export function readRegressionCorpus(): { file: string; entry: CorpusEntry }[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({
      file,
      entry: JSON.parse(readFileSync(new URL(file, folder), "utf8")) as CorpusEntry,
    }));
}

/** Writes a finding unless its minimized SQL is already there; answers the file name. */
export function addToRegressionCorpus(entry: CorpusEntry): { file: string; added: boolean } {
  const hash = createHash("sha256").update(`${entry.policy}\n${entry.sql}`).digest("hex");
  const file = `${entry.policy}-${hash.slice(0, 10)}.json`;
  const url = new URL(file, folder);
  if (existsSync(url)) return { file, added: false };
  writeFileSync(url, `${formatted(entry)}\n`);
  return { file, added: true };
}

/** The generated (policy, SQL) pairs the corpus already accounts for. */
export function knownFindings(): Set<string> {
  return new Set(
    readRegressionCorpus().map(({ entry }) => `${entry.policy}\n${entry.found_as.sql}`),
  );
}

/** JSON as biome formats it (lists of strings that fit in 100 columns on one line), so `pnpm lint` passes. */
export function formatted(value: unknown): string {
  const lines = JSON.stringify(value, null, 2).split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const open = /^(\s*)("(?:[^"\\]|\\.)*": )?\[$/.exec(line);
    const close = open === null ? -1 : lines.findIndex((l, j) => j > i && /^\s*\],?$/.test(l));
    const items = close < 0 ? [] : lines.slice(i + 1, close).map((l) => l.trim());
    const simple = items.every((item) => /^"(?:[^"\\]|\\.)*",?$/.test(item));
    const oneLine = `${open?.[1] ?? ""}${open?.[2] ?? ""}[${items.map((item) => item.replace(/,$/, "")).join(", ")}]${lines[close]?.trim().endsWith(",") ? "," : ""}`;
    if (open !== null && close > 0 && simple && oneLine.length <= 100) {
      out.push(oneLine);
      i = close;
    } else out.push(line);
  }
  return out.join("\n");
}
