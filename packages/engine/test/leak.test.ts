// The engine's leak test: every statement of both corpora that the engine does not block runs
// on a real PostgreSQL 18 (PGlite) holding canaries; nothing the policy keeps in may come out,
// and a read_only verdict may change nothing.

import type { PolicyProfileInput } from "@pgbeam/policies-types";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { acceptsWholeRow } from "../src/catalog/code-safety.js";
import { createEngine, type PolicyEngine } from "../src/index.js";
import { families, tenantUsers } from "./attacks/families.js";
import { hostileCase } from "./attacks/hostile-arbitrary.js";
import { readCorpus } from "./helpers.js";
import { LeakOracle } from "./oracle/leak-oracle.js";

let engine: PolicyEngine;
let oracle: LeakOracle;

beforeAll(async () => {
  [engine, oracle] = await Promise.all([createEngine(), LeakOracle.start()]);
}, 120_000);

afterAll(async () => {
  await oracle?.stop();
});

/** Runs each case through the engine and, unless blocked, through the oracle; lists what got out. */
async function leaksOf(cases: { sql: string; policy: PolicyProfileInput; id?: string }[]) {
  const found: string[] = [];
  for (const { sql, policy, id } of cases) {
    const result = engine.evaluate(sql, policy);
    const report = await oracle.check(sql, policy, result);
    const label = `${id ?? ""}[${policy.name}] ${sql} → ${result.verdict}/${result.rule}`;
    for (const leak of report.leaks) found.push(`${label}: ${leak}`);
    if (report.changedState) found.push(`${label}: read_only verdict changed state`);
  }
  return found;
}

describe.each(["pgbeam-v2.json", "engine-semantics.json"])("no leak on PostgreSQL: %s", (file) => {
  const corpus = readCorpus(file);
  test("every statement the engine lets through keeps the policy's secrets", async () => {
    const cases = corpus.cases.map((c) => {
      const policy = corpus.profiles[c.profile];
      if (policy === undefined) throw new Error(`unknown profile ${c.profile}`);
      return { sql: c.sql, policy, id: `${c.id} ` };
    });
    expect(await leaksOf(cases)).toEqual([]);
  });
});

describe("no leak on PostgreSQL: each family of attack", () => {
  test.each(families.map((family) => [family.name, family] as const))("%s", async (_, family) => {
    const cases = family.profiles.flatMap((policy) =>
      family.statements.map((sql) => ({ sql, policy })),
    );
    expect(await leaksOf(cases)).toEqual([]);
  });
});

describe("no leak on PostgreSQL: generated hostile statements", () => {
  test("the families' building blocks, combined (fixed seed, 250 statements)", async () => {
    expect(await leaksOf(fc.sample(hostileCase, { seed: 22, numRuns: 250 }))).toEqual([]);
  });
});

describe("attribute notation: the engine knows every built-in function a whole row can reach", () => {
  test("each pg_catalog function of one row-accepting argument is known (read from the generated catalog)", async () => {
    // Functions returning only a count, a boolean, a type or an oid cannot carry the row's values;
    // nor can the four left out by name (two ranks, a compression method, a collation's name).
    const rows = await oracle.catalog<{ proname: string }>(
      `SELECT DISTINCT proname FROM pg_proc
       WHERE pronamespace = 'pg_catalog'::regnamespace AND pronargs = 1
         AND proargtypes[0] IN ('record'::regtype, 'anyelement'::regtype, 'anycompatible'::regtype,
                                '"any"'::regtype, 'anynonarray'::regtype, 'anycompatiblenonarray'::regtype)
         AND prorettype NOT IN ('bool'::regtype, 'int4'::regtype, 'int8'::regtype, 'oid'::regtype,
                                'regtype'::regtype, 'void'::regtype, 'name'::regtype)
         AND proname NOT IN ('cume_dist', 'percent_rank', 'pg_column_compression', 'pg_collation_for')`,
    );
    const missing = rows.map((row) => row.proname).filter((name) => !acceptsWholeRow(name));
    expect(missing).toEqual([]);
    for (const type of ["text", "varchar", "bpchar", "name", "json"])
      expect(acceptsWholeRow(type)).toBe(true);
  });
});

describe("row-filter rewrites of valid statements run on PostgreSQL", () => {
  const tenantIds = async (sql: string) => {
    const result = engine.evaluate(sql, tenantUsers);
    expect(result.verdict).toBe("row-filter");
    return (await oracle.rows(result.rewritten_sql ?? "")).map((row) => row.tenant_id);
  };

  test("WHERE CURRENT OF keeps its cursor's row (the cursor's own query was filtered)", async () => {
    const sql =
      "DECLARE c CURSOR FOR SELECT * FROM users ORDER BY id FOR UPDATE; FETCH 1 FROM c; UPDATE users SET n = 7 WHERE CURRENT OF c RETURNING tenant_id";
    expect(await tenantIds(sql)).toEqual([1]);
  });

  test("a relation under a join alias is filtered inside the join", async () => {
    const sql =
      "SELECT j.t AS tenant_id FROM (users JOIN orders ON orders.user_id = users.id) AS j (i, t)";
    expect(await tenantIds(sql)).toEqual([1]);
  });

  test("a column alias list and TABLESAMPLE keep the filter", async () => {
    expect(await tenantIds("SELECT b AS tenant_id FROM users AS u (a, b)")).toEqual([1]);
    expect(await tenantIds("SELECT tenant_id FROM users TABLESAMPLE SYSTEM (100)")).toEqual([1]);
  });
});
