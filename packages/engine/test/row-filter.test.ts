// The rewritten SQL: the predicate reaches every reference, keeps the caller's WHERE and re-parses.
import { beforeAll, describe, expect, test } from "vitest";
import { createEngine, type PolicyEngine, relationsOf } from "../src/index.js";

let engine: PolicyEngine;
const tenant = {
  name: "tenant",
  access_mode: "read_write" as const,
  row_filters: [{ table: "public.users", predicate: "tenant_id = 42" }],
};

beforeAll(async () => {
  engine = await createEngine();
});

/** Evaluates under the tenant filter and returns the rewritten SQL, checking that it parses. */
async function rewrite(sql: string): Promise<string> {
  const result = engine.evaluate(sql, tenant);
  expect(result.verdict).toBe("row-filter");
  expect(result.row_filter_predicate).toBe("tenant_id = 42");
  const rewritten = result.rewritten_sql ?? "";
  expect(engine.classifyStatement(rewritten).length).toBeGreaterThan(0);
  await expect(relationsOf(rewritten)).resolves.toBeDefined();
  return rewritten;
}

describe("row-filter injection", () => {
  test("a read goes through a fenced subquery (OFFSET 0) that PostgreSQL cannot flatten", async () => {
    expect(await rewrite("SELECT id FROM users")).toBe(
      "SELECT id FROM ( SELECT * FROM users WHERE tenant_id = 42 OFFSET 0 ) AS users",
    );
  });

  test("the caller's WHERE stays outside the fence, unchanged", async () => {
    expect(await rewrite("SELECT id FROM users u WHERE u.id = 1 OR u.id = 2")).toBe(
      "SELECT id FROM ( SELECT * FROM users WHERE tenant_id = 42 OFFSET 0 ) AS u WHERE u.id = 1 OR u.id = 2",
    );
  });

  test("an inner join reads the filtered relation through the fence, under its alias", async () => {
    expect(await rewrite("SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id")).toBe(
      "SELECT o.id FROM orders AS o JOIN ( SELECT * FROM users WHERE tenant_id = 42 OFFSET 0 ) AS u ON u.id = o.user_id",
    );
  });

  test("the nullable side of an outer join reads through a filtered subquery", async () => {
    const sql = await rewrite("SELECT o.id FROM orders o LEFT JOIN users u ON u.id = o.user_id");
    expect(sql).toContain("LEFT JOIN ( SELECT * FROM users WHERE tenant_id = 42 OFFSET 0 ) AS u");
    expect(sql).not.toContain("WHERE u.tenant_id");
  });

  test("every reference is filtered: self-join, subquery, CTE and set operation", async () => {
    const sql = await rewrite(
      "WITH w AS (SELECT id FROM users) SELECT a.id FROM users a, users b WHERE a.id IN (SELECT id FROM users) UNION SELECT id FROM w",
    );
    expect(sql.match(/tenant_id = 42/g)).toHaveLength(4);
  });

  test("UPDATE and DELETE only touch the tenant's rows", async () => {
    expect(await rewrite("UPDATE users SET name = 'x' WHERE id = 1")).toBe(
      "UPDATE users SET name = 'x' WHERE id = 1 AND users.tenant_id = 42",
    );
    expect(await rewrite("DELETE FROM users AS u WHERE u.id = 1")).toBe(
      "DELETE FROM users AS u WHERE u.id = 1 AND u.tenant_id = 42",
    );
  });

  test("COPY of a filtered relation copies through a filtered query", async () => {
    expect(await rewrite("COPY users (id, name) TO STDOUT")).toBe(
      "COPY (SELECT id, name FROM users WHERE users.tenant_id = 42) TO STDOUT",
    );
  });

  test.each([
    "tenant_id = 42 AND NOT archived",
    "deleted_at IS NULL",
    "region IN ('eu', 'us')",
    "owner_id = ANY (current_setting('app.owners')::int[])",
    "EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id)",
    "is_public",
    "name ILIKE 'a%'",
    "created_at BETWEEN now() - interval '1 day' AND now()",
  ])("boolean predicate %j is accepted and re-parses after injection", (predicate) => {
    const result = engine.evaluate("SELECT id FROM users", {
      name: "ok",
      row_filters: [{ table: "users", predicate }],
    });
    expect(result.verdict).toBe("row-filter");
    expect(() => engine.classifyStatement(result.rewritten_sql ?? "")).not.toThrow();
  });

  test("a CTE that shadows the relation's name is not filtered", () => {
    const result = engine.evaluate("WITH users AS (SELECT 1 AS id) SELECT id FROM users", tenant);
    expect(result.verdict).toBe("allow");
  });

  test("an INSERT is not a read: no predicate, and a note says so", () => {
    const result = engine.evaluate("INSERT INTO users (id) VALUES (1)", tenant);
    expect(result.verdict).toBe("allow");
    expect(result.notes).toContain(
      "Rows inserted into users are not checked against its row filter.",
    );
  });

  test("MERGE into a filtered relation is refused", () => {
    const result = engine.evaluate(
      "MERGE INTO users u USING src s ON s.id = u.id WHEN MATCHED THEN UPDATE SET name = s.name",
      tenant,
    );
    expect(result).toMatchObject({ verdict: "block", rule: "row_filter_unsupported" });
  });

  test("masking and row filtering together give a row-filter verdict that lists masked columns", () => {
    const result = engine.evaluate("SELECT email FROM users", {
      ...tenant,
      masking_rules: [{ table: "users", column: "email", kind: "redact" }],
    });
    expect(result.verdict).toBe("row-filter");
    expect(result.masked_columns).toEqual([{ column: "email", kind: "redact" }]);
  });

  test.each([
    ["1; DROP TABLE users", "it contains ';' outside a string"],
    ["true) OR (1 = 1", "it closes a parenthesis it did not open"],
    ["tenant_id = 1 -- and the rest", "it contains a SQL comment"],
    ["tenant_id = 1 UNION SELECT 1", "it reaches past the WHERE clause (UNION)"],
    ["tenant_id = (1", "it leaves a parenthesis open"],
    ["tenant_id = 1 OR (SELECT 1 LIMIT 1) = 1 AND name = 'x", "unterminated"],
    ["tenant_id = 1 ORDER BY 1", "it reaches past the WHERE clause"],
    ["tenant_id = 1 FOR UPDATE", "it reaches past the WHERE clause"],
    ["'yes'", "it is a constant"],
    ["tenant_id + 1", "it is not a boolean expression"],
    ["ARRAY[1, 2]", "it is not a boolean expression"],
    ["name || 'x'", "it is not a boolean expression"],
    ["", "it is empty"],
    ["tenant_id = 1 OR (SELECT count(*) FROM t) = 1;", "it contains ';'"],
  ])("predicate %j is refused as row_filter_unsafe (%s)", (predicate, why) => {
    const result = engine.evaluate("SELECT id FROM users", {
      name: "bad",
      row_filters: [{ table: "users", predicate }],
    });
    expect(result).toMatchObject({ verdict: "block", rule: "row_filter_unsafe" });
    expect(result.reason).toContain(why);
  });
});
