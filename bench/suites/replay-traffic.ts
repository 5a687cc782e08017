// A generated audit-log export for the replay bench: Zipf-like shape frequencies over a statement
// mix that starts with the engine's conformance corpora and continues with generated statements
// over a synthetic schema, one JSON Lines entry per statement as the service exports them.

import { once } from "node:events";
import { createWriteStream, readFileSync } from "node:fs";

interface Shape {
  /** The normalized text (`$N` placeholders). */
  normalized: string;
  kind: string;
}

/** A small seeded generator (mulberry32), so every run writes the same export. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The corpora's statements, constants replaced by `$N` when they are plain numbers. */
function corpusShapes(): Shape[] {
  const seen = new Set<string>();
  const shapes: Shape[] = [];
  for (const file of ["engine-semantics.json", "pgbeam-v2.json"]) {
    const path = new URL(`../../packages/engine/test/conformance/${file}`, import.meta.url);
    const data = JSON.parse(readFileSync(path, "utf8")) as { cases: { sql: string }[] };
    for (const { sql } of data.cases) {
      if (seen.has(sql)) continue;
      seen.add(sql);
      shapes.push({ normalized: sql, kind: sql.split(/\s+/)[0]?.toLowerCase() ?? "select" });
    }
  }
  return shapes;
}

/** Generated shapes: reads (most), writes and a few schema changes over tables t0…t199. */
function generatedShape(index: number, next: () => number): Shape {
  const table = `t${index % 200}`;
  const other = `t${(index * 7 + 3) % 200}`;
  const column = (n: number) => `c${n % 12}`;
  const pick = next();
  const variant = Math.floor(index / 200);
  const columns = [column(variant), column(variant + 1 + (index % 5))].join(", ");
  if (pick < 0.72) {
    const join =
      variant % 3 === 0 ? ` JOIN ${other} ON ${other}.id = ${table}.${column(variant + 2)}` : "";
    return {
      normalized: `SELECT ${columns} FROM ${table}${join} WHERE ${table}.${column(variant + 3)} = $1 AND ${table}.id > $2 LIMIT $3`,
      kind: "select",
    };
  }
  if (pick < 0.84)
    return { normalized: `INSERT INTO ${table} (${columns}) VALUES ($1, $2)`, kind: "insert" };
  if (pick < 0.94)
    return {
      normalized: `UPDATE ${table} SET ${column(variant)} = $1 WHERE id = $2 AND ${column(variant + 4)} = $3`,
      kind: "update",
    };
  if (pick < 0.99)
    return {
      normalized: `DELETE FROM ${table} WHERE id = $1 AND ${column(variant + 5)} < $2`,
      kind: "delete",
    };
  return {
    normalized: `CREATE INDEX ON ${table} (${column(variant)}, ${column(variant + 6)})`,
    kind: "ddl",
  };
}

/** `shapes` distinct shapes: the corpora first, then generated ones. */
export function benchShapes(shapes: number): Shape[] {
  const next = random(7);
  const corpus = corpusShapes().slice(0, Math.min(shapes, 147));
  const out = [...corpus];
  for (let i = out.length; i < shapes; i++) out.push(generatedShape(i, next));
  return out;
}

/** The policy the bench replays: a tightening of a read-write agent. */
export const benchPolicy = {
  name: "tightened",
  access_mode: "read_write" as const,
  statement_rules: { deny: ["ddl" as const] },
  table_denylist: ["t13", "t77", "secrets"],
  masking_rules: [{ table: "t5", column: "c1", kind: "redact" as const }],
  row_filters: [{ table: "t9", predicate: "c2 = 42" }],
};

const events = [
  "query",
  "query",
  "query",
  "query",
  "query",
  "query",
  "masked",
  "truncated",
  "blocked",
];
const credentials = ["agt_support", "agt_billing", "agt_ops", "agt_reports"];

/**
 * Writes `entries` entries over `shapes` shapes to `path`: shape k is drawn with weight
 * 1/(k+1) (Zipf, s = 1), times spread over 30 days, constants filled in per entry.
 */
export async function writeBenchExport(
  path: string,
  entries: number,
  shapes: number,
): Promise<number> {
  const list = benchShapes(shapes);
  const next = random(11);
  // Inverse CDF of 1/(k+1) weights by binary search over cumulative sums.
  const cumulative = new Float64Array(list.length);
  let total = 0;
  for (let k = 0; k < list.length; k++) {
    total += 1 / (k + 1);
    cumulative[k] = total;
  }
  const draw = () => {
    const target = next() * total;
    let low = 0;
    let high = list.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  // Every shape occurs at least once, so each run has exactly `shapes` distinct ones.
  const order: number[] = list.map((_, k) => k);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const start = Date.UTC(2026, 10, 1);
  const span = 30 * 86_400_000;
  let buffer = "";
  for (let i = 0; i < entries; i++) {
    const k = i < order.length ? (order[i] as number) : draw();
    const shape = list[k] as Shape;
    let n = 0;
    const sql = shape.normalized.replace(/\$\d+/g, () => String(Math.floor(next() * 10_000) + n++));
    const event = events[(k + i) % events.length] as string;
    buffer += `${JSON.stringify({
      id: `aud_${i.toString(36).padStart(8, "0")}`,
      project_id: "prj_bench",
      credential_id: credentials[k % credentials.length],
      region: "eu-west-1",
      event,
      sql,
      normalized_sql: shape.normalized,
      query_hash: `q${k.toString(16).padStart(8, "0")}`,
      statement_kind: shape.kind,
      ...(event === "blocked" ? { decision_rule: "table_denied" } : {}),
      rows_returned: Math.floor(next() * 200),
      latency_ms: Math.round(next() * 4000) / 100,
      source: "wire",
      ts: new Date(start + Math.floor((i / entries) * span)).toISOString(),
      seq: i + 1,
    })}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
  return total;
}
