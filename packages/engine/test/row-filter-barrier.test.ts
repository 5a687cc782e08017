// Row filters are security barriers: every placement of a filtered relation is rewritten, then
// planned by PostgreSQL 18 (PGlite) with EXPLAIN VERBOSE, and no scan of the filtered relation
// may evaluate the caller's expression (`length(`) — only the predicate runs there.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createEngine, type PolicyEngine } from "../src/index.js";
import { tenantUsers } from "./attacks/families.js";
import { seedSql } from "./oracle/seed.js";

let engine: PolicyEngine;
let db: PGlite;

beforeAll(async () => {
  engine = await createEngine();
  db = await PGlite.create();
  await db.exec(seedSql);
}, 120_000);

afterAll(async () => {
  await db.close();
});

/** The plan's nodes, each with the condition lines (Filter, Join Filter, Index Cond…) under it. */
function planNodes(plan: string[]): { node: string; conditions: string[] }[] {
  const nodes: { node: string; conditions: string[] }[] = [];
  for (const line of plan) {
    if (
      /^\s*(->\s+)?[A-Z][A-Za-z ]+(on |Scan|Join|Aggregate|Update|Insert|Delete|Result|Append|Nested Loop|Hash|Sort|Limit|Subquery)/.test(
        line,
      ) &&
      !/^\s+(Output|Filter|Join Filter|Index Cond|Hash Cond|Merge Cond|Conflict|Recheck|Sort Key|Group Key|Relations|One-Time|Conflict Filter|Conflict Arbiter)/.test(
        line,
      )
    ) {
      nodes.push({ node: line.trim(), conditions: [] });
    } else if (/(Filter|Cond):/.test(line)) {
      nodes.at(-1)?.conditions.push(line.trim());
    }
  }
  return nodes;
}

const placements = [
  "SELECT count(*) FROM (SELECT * FROM users) s WHERE length(s.name) > 0",
  "WITH c AS (SELECT * FROM users) SELECT count(*) FROM c WHERE length(c.name) > 0",
  "SELECT o.id FROM orders o, LATERAL (SELECT * FROM users u WHERE u.id = o.user_id) x WHERE length(x.name) > 0",
  "SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id AND length(u.name) > 0",
  "SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id AND length(u.name) > 0)",
  "SELECT id FROM users WHERE length(name) > 0",
  "UPDATE orders o SET total = 1 FROM users u WHERE u.id = o.user_id AND length(u.name) > 0",
  "INSERT INTO audit (x) SELECT id FROM users WHERE length(name) > 0",
];

describe("row filters are security barriers (EXPLAIN VERBOSE on PostgreSQL 18)", () => {
  test.each(placements)("%s", async (sql) => {
    const result = engine.evaluate(sql, tenantUsers);
    expect(result.verdict).toBe("row-filter");
    const rewritten = result.rewritten_sql ?? "";
    const explained = await db.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (VERBOSE, COSTS OFF) ${rewritten}`,
    );
    const nodes = planNodes(explained.rows.map((row) => row["QUERY PLAN"]));
    const userScans = nodes.filter((n) => /Scan on public\.users/.test(n.node));
    expect(userScans.length).toBeGreaterThan(0);
    for (const scan of userScans) {
      expect(scan.conditions.join(" ")).toContain("tenant_id = 1");
      expect(scan.conditions.join(" ")).not.toContain("length(");
    }
  });

  test("an UPDATE of the filtered relation runs the caller's condition behind the predicate", async () => {
    const result = engine.evaluate("UPDATE users SET n = 1 WHERE length(name) > 0", tenantUsers);
    const explained = await db.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (VERBOSE, COSTS OFF) ${result.rewritten_sql ?? ""}`,
    );
    const plan = explained.rows.map((row) => row["QUERY PLAN"]).join("\n");
    expect(plan).toMatch(/CASE WHEN \(users\.tenant_id = 1\) THEN \(length\(/);
  });

  test("ON CONFLICT DO UPDATE … WHERE runs behind the predicate too", async () => {
    const result = engine.evaluate(
      "INSERT INTO users (id, name) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET n = 1 WHERE length(users.name) > 0",
      tenantUsers,
    );
    const explained = await db.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (VERBOSE, COSTS OFF) ${result.rewritten_sql ?? ""}`,
    );
    const plan = explained.rows.map((row) => row["QUERY PLAN"]).join("\n");
    expect(plan).toMatch(/Conflict Filter: .*CASE WHEN \(users\.tenant_id = 1\) THEN \(length\(/);
  });

  test("the fuzzer's findings 2 and 3: the conflicting hidden row's values stay out of the error", async () => {
    const tenant42 = {
      name: "tenant-42",
      access_mode: "read_write" as const,
      row_filters: [{ table: "users", predicate: "tenant_id = 42" }],
    };
    const result = engine.evaluate(
      "INSERT INTO users (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET n = 1 WHERE users.ssn::int > 0",
      tenant42,
    );
    expect(result.verdict).toBe("row-filter");
    let message = "";
    await db.exec("BEGIN");
    try {
      await db.exec(result.rewritten_sql ?? "");
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    } finally {
      await db.exec("ROLLBACK");
    }
    expect(message).not.toContain("cnry");
  });
});
