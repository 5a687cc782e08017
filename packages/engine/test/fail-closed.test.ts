// The engine fails closed by construction: one example per mechanism the issue names, each
// refused by a rule of the design (catalog default deny, generic walk, stored expressions, row
// images, settings), not by a list entry naming it.
import { readFileSync } from "node:fs";
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { beforeAll, describe, expect, test } from "vitest";
import { builtinCatalog } from "../src/catalog/builtin-catalog.js";
import { functionKnowledge, operatorKnowledge } from "../src/catalog/code-safety.js";
import { statementFacts } from "../src/facts.js";
import { createEngine, type PolicyEngine } from "../src/index.js";
import { parseSql } from "../src/parser.js";
import { ruleIds } from "../src/rule-ids.js";
import { guarded, guardedWrite, tenantUsers } from "./attacks/families.js";
import { readCorpus } from "./helpers.js";

let engine: PolicyEngine;
beforeAll(async () => {
  engine = await createEngine();
});

const masked: PolicyProfileInput = {
  name: "masked",
  access_mode: "read_write",
  masking_rules: [{ table: "users", column: "email", kind: "redact" }],
};
const tenantSetting: PolicyProfileInput = {
  name: "tenant-setting",
  access_mode: "read_write",
  row_filters: [
    { table: "orders", predicate: "tenant_id = current_setting('pgbeam.tenant')::int" },
    { table: "tickets", predicate: "tenant_id IN (SELECT tenant_id FROM staff_tenants)" },
  ],
};
// The fuzzer's policy `tenant-setting` (its finding 1).
const tenantSettingUsers: PolicyProfileInput = {
  name: "tenant-setting-users",
  access_mode: "read_only",
  row_filters: [{ table: "users", predicate: "tenant_id = current_setting('pgbeam.tenant')::int" }],
};
const open: PolicyProfileInput = { name: "open", access_mode: "read_write" };

const refused: [string, PolicyProfileInput, string][] = [
  // Plan-time evaluation: EXPLAIN is judged as its statement.
  [
    "EXPLAIN SELECT 1 LIMIT table_to_xml('secrets', true, false, '')::text::int",
    guardedWrite,
    "sql_in_string",
  ],
  [
    "EXPLAIN UPDATE users SET name = query_to_xml('SELECT 1', true, false, '')::text WHERE id = 1",
    guardedWrite,
    "sql_in_string",
  ],
  ["EXPLAIN SELECT nextval('s')", guarded, "read_only"],
  ["EXPLAIN SELECT email::int FROM users", guardedWrite, "masked_column_expression"],
  // SQL in strings and sequences: not immutable, not reviewed.
  ["SELECT ts_rewrite('a'::tsquery, 'SELECT q, s FROM secrets')", guardedWrite, "unsafe_function"],
  ["SELECT currval('secret_seq')", guardedWrite, "unsafe_function"],
  ["SELECT pg_catalog.pg_get_viewdef('v')", guardedWrite, "unsafe_function"],
  // User-defined code: unknown by definition, and defining it is refused.
  ["CREATE OPERATOR ### (RIGHTARG = text, FUNCTION = ts_stat)", guardedWrite, "user_defined_code"],
  [
    "CREATE AGGREGATE a (text) (SFUNC = ts_rewrite, STYPE = tsquery)",
    guardedWrite,
    "user_defined_code",
  ],
  ["CREATE CAST (text AS integer) WITH INOUT AS IMPLICIT", guardedWrite, "user_defined_code"],
  ["SELECT id FROM users WHERE email OPERATOR(public.===) 'x'", guardedWrite, "unknown_code"],
  ["SELECT 'x'::public.mytype", guardedWrite, "unknown_code"],
  ["SELECT public.lower('x')", guardedWrite, "unknown_code"],
  // Clauses: SEARCH/CYCLE, window frames, subscripts of assignment targets.
  [
    "WITH RECURSIVE t(email) AS (SELECT email FROM users UNION ALL SELECT email FROM t) SEARCH DEPTH FIRST BY email SET ord SELECT ord FROM t",
    guardedWrite,
    "masked_column_expression",
  ],
  [
    "SELECT id, count(*) OVER (ORDER BY id ROWS BETWEEN length(email) PRECEDING AND CURRENT ROW) FROM users",
    guardedWrite,
    "masked_column_expression",
  ],
  [
    "UPDATE users SET tags[length(email)] = 'x' WHERE id = 1",
    guardedWrite,
    "masked_column_expression",
  ],
  // Stored definitions.
  ["CREATE INDEX ON users (((users).email::int))", guardedWrite, "stored_expression"],
  ["CREATE UNIQUE INDEX ON users (name)", guardedWrite, "stored_expression"],
  ["CREATE STATISTICS s ON (email::int) FROM users", guardedWrite, "stored_expression"],
  [
    "ALTER TABLE orders ADD CONSTRAINT c CHECK (note::int > 0) NOT VALID",
    guardedWrite,
    "stored_expression",
  ],
  [
    "CREATE RULE r2 AS ON UPDATE TO users DO ALSO INSERT INTO audit (v) VALUES (old.email)",
    guardedWrite,
    "user_defined_code",
  ],
  [
    "CREATE TRIGGER t BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION f()",
    guardedWrite,
    "user_defined_code",
  ],
  ["CREATE POLICY p ON users USING (email::int > 0)", guardedWrite, "user_defined_code"],
  ["ALTER DOMAIN d VALIDATE CONSTRAINT c", guardedWrite, "masked_column_expression"],
  // Row images in errors.
  ["UPDATE users SET tenant_id = NULL WHERE id = 1", masked, "masked_row_image"],
  ["INSERT INTO users (id) VALUES (1)", masked, "masked_row_image"],
  [
    "INSERT INTO users (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET name = 'x'",
    masked,
    "masked_row_image",
  ],
  [
    "MERGE INTO users u USING t ON u.id = t.id WHEN MATCHED THEN UPDATE SET name = 'x'",
    masked,
    "masked_row_image",
  ],
  ["COPY users FROM STDIN", masked, "masked_row_image"],
  // Masked values meet only leakproof comparisons.
  ["SELECT id FROM users WHERE email LIKE 'a%'", masked, "masked_column_expression"],
  ["SELECT id FROM users WHERE email ~ 'a'", masked, "masked_column_expression"],
  // Row-filter fences and the filter's own inputs.
  [
    "SELECT count(*) FROM (SELECT * FROM users) s WHERE set_config('x.rf', s.name, false) IS NULL",
    tenantUsers,
    "unsafe_function",
  ],
  ["SET pgbeam.tenant = '2'", tenantSetting, "row_filter_input"],
  [
    "SELECT set_config('pgbeam.tenant', '42', false); WITH w AS (WITH w AS (SELECT email FROM users) SELECT * FROM w) SELECT * FROM w",
    tenantSettingUsers,
    "row_filter_input",
  ],
  ["SET LOCAL pgbeam.tenant = '2'", tenantSetting, "row_filter_input"],
  ["RESET pgbeam.tenant", tenantSetting, "row_filter_input"],
  ["DISCARD ALL", tenantSetting, "row_filter_input"],
  ["SELECT set_config('pgbeam.tenant', '2', false)", tenantSetting, "row_filter_input"],
  ["ALTER ROLE me SET pgbeam.tenant = '2'", tenantSetting, "row_filter_input"],
  ["INSERT INTO staff_tenants VALUES (2)", tenantSetting, "row_filter_input"],
  // Settings and writes through catalogs.
  [
    "UPDATE pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings'",
    open,
    "catalog_write",
  ],
  ["ALTER SYSTEM SET standard_conforming_strings = off", open, "catalog_write"],
  ["SELECT pg_clear_relation_stats('public', 'users')", guarded, "read_only"],
  ["SELECT pg_replication_origin_create('x')", guarded, "read_only"],
  ["SELECT my_function()", guarded, "read_only"],
  // Settings outside the reviewed categories of pg_settings (the fuzzer's finding 4).
  [
    "SELECT set_config('exit_on_error', 'on', false); SELECT FROM users UNION ALL SELECT FROM r",
    { name: "read-only", access_mode: "read_only" },
    "session_setting",
  ],
  [
    "SET default_transaction_read_only = off",
    { name: "ro", access_mode: "read_only" },
    "session_setting",
  ],
  ["SET trace_notify = on", guardedWrite, "session_setting"],
];

describe("each mechanism is closed by a rule of the design", () => {
  test.each(refused)("%s", (sql, policy, rule) => {
    const result = engine.evaluate(sql, policy);
    expect({ verdict: result.verdict, rule: result.rule }).toEqual({ verdict: "block", rule });
  });
});

describe("safe statements stay allowed", () => {
  test.each([
    ["SELECT id, name FROM users WHERE id = 3", "mask"],
    ["SELECT id FROM users WHERE email = 'a@b.c'", "mask"],
    ["SELECT email FROM users GROUP BY email", "mask"],
    ["SELECT email FROM users GROUP BY GROUPING SETS ((email))", "mask"],
    ["SELECT email FROM users GROUP BY ROLLUP (email)", "mask"],
    ["SELECT lower(name), now(), to_char(now(), 'YYYY'), random() FROM users", "mask"],
    ["UPDATE users SET id = id WHERE id = 1 RETURNING email", "mask"],
    ["DELETE FROM users WHERE id = 1", "mask"],
  ])("%s", (sql, verdict) => {
    expect(engine.evaluate(sql, guardedWrite).verdict).toBe(verdict);
  });

  test("formatting, planner and resource settings stay allowed under read_only", () => {
    for (const sql of [
      "SET TimeZone = 'UTC'",
      "SET statement_timeout = 1000",
      "SET enable_seqscan = off",
      "SET work_mem = '64MB'",
      "SET application_name = 'agent'",
      "SET myapp.flag = 'x'",
    ])
      expect(engine.evaluate(sql, guarded).rule, sql).toBe("ok");
  });

  test("a policy that keeps nothing in judges user code only for read_only", () => {
    expect(engine.evaluate("SELECT my_function()", open).verdict).toBe("allow");
    expect(engine.evaluate("SET pgbeam.tenant = '2'", open).verdict).toBe("allow");
  });
});

describe("default deny comes from PostgreSQL's catalog", () => {
  test("the generated catalog holds PostgreSQL 18's functions, operators, casts and types", () => {
    const catalog = builtinCatalog();
    expect(catalog.functionRows.size).toBeGreaterThan(2000);
    expect(catalog.functionOverloads("texteq")?.[0]).toMatchObject({
      leakproof: true,
      volatility: "i",
    });
    expect(catalog.operators.get("=")?.length).toBeGreaterThan(50);
    expect(catalog.casts.size).toBeGreaterThan(200);
    expect(catalog.types.has("int4")).toBe(true);
  });

  test("facts are read from the catalog, not from name lists", () => {
    expect(functionKnowledge(undefined, "lower")).toMatchObject({ safe: true, readOnly: true });
    expect(functionKnowledge(undefined, "table_to_xml")).toMatchObject({
      safe: false,
      readOnly: true,
    });
    expect(functionKnowledge(undefined, "pg_clear_relation_stats")).toMatchObject({
      readOnly: false,
    });
    expect(functionKnowledge("public", "lower").builtin).toBe(false);
    expect(operatorKnowledge(undefined, "=").leakproof).toBe(true);
    expect(operatorKnowledge(undefined, "~~").leakproof).toBe(false);
  });
});

describe("a node type without a rule is refused", () => {
  test("an unknown parse node makes the statement unsupported", () => {
    const facts = statementFacts({
      SelectStmt: { targetList: [{ ResTarget: { val: { FutureClause: { x: 1 } } } }] },
    });
    expect(facts.unsupported).toBe("FutureClause");
  });

  test("no statement of the corpora holds a node without a rule", () => {
    for (const file of ["pgbeam-v2.json", "engine-semantics.json"]) {
      for (const testCase of readCorpus(file).cases) {
        const parsed = parseSql(testCase.sql);
        if (!parsed.ok) continue;
        for (const statement of parsed.statements)
          expect(statementFacts(statement).unsupported, testCase.sql).toBeUndefined();
      }
    }
  });
});

describe("one catalogue of rule ids", () => {
  test("the README lists every rule id, and only those", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const table = readme.slice(readme.indexOf("### Rule ids"));
    const listed = [...table.matchAll(/^\| `([a-z_]+)` \|/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(Object.keys(ruleIds).sort());
  });
});
