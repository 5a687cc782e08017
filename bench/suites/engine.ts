// Offline policy engine: evaluations per statement against a bare libpg-query parse of the same
// statements in the same run (interleaved rounds, medians), per-statement p50/p99, and cold start against the bare parser's.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createEngine, type PolicyEngine } from "@pgbeam/policies-engine";
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { loadModule, parseSync } from "libpg-query";
import { compare, measureInterleaved, type Row } from "../measure.js";

const here = fileURLToPath(new URL("..", import.meta.url));
const corpusFiles = ["pgbeam-v2.json", "engine-semantics.json"];

interface Case {
  profile: string;
  sql: string;
}

/** Every case of the engine's two corpora, with its policy. */
function corpus(): { sql: string; policy: PolicyProfileInput }[] {
  return corpusFiles.flatMap((file) => {
    const path = new URL(`../../packages/engine/test/conformance/${file}`, import.meta.url);
    const data = JSON.parse(readFileSync(path, "utf8")) as {
      profiles: Record<string, PolicyProfileInput>;
      cases: Case[];
    };
    return data.cases.map((c) => ({
      sql: c.sql,
      policy: data.profiles[c.profile] as PolicyProfileInput,
    }));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/** Per-call latency samples of `fn` over every case, `rounds` times each. */
function samples<T>(cases: T[], fn: (c: T) => unknown, rounds = 100): number[] {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      const started = performance.now();
      fn(c);
      times.push((performance.now() - started) * 1000);
    }
  }
  return times.sort((a, b) => a - b);
}

function parseOrNot(sql: string): unknown {
  try {
    return parseSync(sql);
  } catch (error) {
    return error;
  }
}

function medianStartMs(script: string, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: here });
    if (child.status !== 0) throw new Error(`cold start failed: ${child.stderr}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? Number.NaN;
}

/**
 * Runs every contender over the whole corpus in alternating passes for `ms` before anything is
 * timed. Without it the first group measured (the whole corpus) also timed V8 compiling the
 * engine's JavaScript, which the bare parse (WebAssembly and one `JSON.parse`) barely needs,
 * while the groups after it ran on code the first had already warmed.
 */
function warmUp(
  engine: PolicyEngine,
  cases: { sql: string; policy: PolicyProfileInput }[],
  ms = 2000,
): void {
  const compiled = cases.map((c) => ({ sql: c.sql, policy: engine.compile(c.policy) }));
  const until = performance.now() + ms;
  while (performance.now() < until) {
    for (const c of cases) parseOrNot(c.sql);
    for (const c of compiled) engine.evaluate(c.sql, c.policy);
    for (const c of cases) engine.evaluate(c.sql, c.policy);
  }
}

/** Evaluate against bare parse over a set of cases, as one group of rows. */
async function group(
  engine: PolicyEngine,
  label: string,
  cases: { sql: string; policy: PolicyProfileInput }[],
): Promise<Row[]> {
  const compiled = cases.map((c) => ({ sql: c.sql, policy: engine.compile(c.policy) }));
  const n = cases.length;
  const baseline = "libpg-query parseSync (bare parse)";
  const results = await measureInterleaved({
    [baseline]: () => {
      for (const c of cases) parseOrNot(c.sql);
    },
    "engine.evaluate, compiled policy": () => {
      for (const c of compiled) engine.evaluate(c.sql, c.policy);
    },
    "engine.evaluate, plain policy object": () => {
      for (const c of cases) engine.evaluate(c.sql, c.policy);
    },
  });
  const names = ["engine.evaluate, compiled policy", "engine.evaluate, plain policy object"];
  const rows = compare(
    `engine: ${label} (${n} statements per op; median of 25 interleaved rounds)`,
    results,
    baseline,
    names,
    {
      [names[0] as string]: 2,
      [names[1] as string]: 2,
    },
  );
  const parse = samples(cases, (c) => parseOrNot(c.sql));
  const evaluate = samples(compiled, (c) => engine.evaluate(c.sql, c.policy));
  const latency = (what: string, sorted: number[]) =>
    `${what} p50 ${percentile(sorted, 50).toFixed(1)} µs, p99 ${percentile(sorted, 99).toFixed(1)} µs`;
  for (const row of rows)
    row.note = `${Math.round(row.opsPerSec * n).toLocaleString("en-US")} statements/s`;
  const first = rows[0];
  if (first)
    first.note += `; per statement: ${latency("evaluate", evaluate)}; ${latency("parse", parse)}`;
  return rows;
}

/** The engine suite's rows: the whole corpus, and its row-filtered and other statements apart. */
export async function engineSpeed(): Promise<Row[]> {
  const engine = await createEngine();
  await loadModule();
  const cases = corpus();
  const rewritten = cases.filter(
    (c) => engine.evaluate(c.sql, c.policy).rewritten_sql !== undefined,
  );
  const rest = cases.filter((c) => !rewritten.includes(c));
  warmUp(engine, cases);
  const rows = [
    ...(await group(engine, "whole corpus", cases)),
    ...(await group(engine, "statements without a row-filter rewrite", rest)),
    ...(await group(engine, "row-filtered statements (rewritten with pgsql-deparser)", rewritten)),
  ];

  const nodeMs = medianStartMs("await import('node:path')");
  const parserMs = medianStartMs(
    "const m = await import('libpg-query'); await m.loadModule(); m.parseSync('SELECT 1')",
  );
  const engineMs = medianStartMs(
    "const m = await import('@pgbeam/policies-engine'); const e = await m.createEngine(); e.evaluate('SELECT 1', { name: 'p' })",
  );
  rows.push({
    group: "engine cold start (median of 7 fresh processes)",
    name: "import + createEngine() + first evaluate",
    meanUs: engineMs * 1000,
    opsPerSec: 1000 / engineMs,
    baseline: "import libpg-query + loadModule + first parse",
    ratio: engineMs / parserMs,
    note: `${(engineMs - nodeMs).toFixed(1)} ms over a bare Node start (libpg-query: ${(parserMs - nodeMs).toFixed(1)} ms)`,
  });
  return rows;
}
