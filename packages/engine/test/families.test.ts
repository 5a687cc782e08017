// Verdicts per family of attack that the leak oracle cannot observe in one message (a setting
// that changes how the next message lexes, names longer than PostgreSQL keeps) and the
// decisions taken where a catalog would be needed.
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { beforeAll, describe, expect, test } from "vitest";
import { createEngine, type PolicyEngine } from "../src/index.js";
import { guarded, guardedWrite } from "./attacks/families.js";

let engine: PolicyEngine;
beforeAll(async () => {
  engine = await createEngine();
});

const rule = (sql: string, policy: PolicyProfileInput) => engine.evaluate(sql, policy).rule;
const open: PolicyProfileInput = { name: "open", access_mode: "read_write" };

describe("11. settings that change how later statements are read", () => {
  test.each([
    "SET standard_conforming_strings = off",
    "SET SESSION standard_conforming_strings TO 'off'",
    "SELECT set_config('standard_conforming_strings', 'off', false)",
    "SET client_encoding = 'SJIS'",
    "SET backslash_quote = on",
  ])("%s is refused under every policy", (sql) => {
    expect(rule(sql, open)).toBe("session_setting");
    expect(rule(sql, guarded)).toBe("session_setting");
  });

  test.each([
    "SET search_path = sales",
    "SET LOCAL search_path TO archive, public",
    "SELECT set_config('search_path', 'sales', true)",
    "SELECT set_config(current_user, 'x', false)",
  ])("%s is refused under a policy that protects something", (sql) => {
    expect(rule(sql, guarded)).toBe("session_setting");
    expect(rule(sql, open)).toBe("ok");
  });

  test("settings that keep the meaning stay allowed", () => {
    for (const sql of [
      "SET standard_conforming_strings = on",
      "SET client_encoding = 'UTF8'",
      "RESET search_path",
      "SET statement_timeout = 1000",
    ])
      expect(rule(sql, guarded)).toBe("ok");
  });
});

describe("13. names compare as PostgreSQL truncates them (63 bytes)", () => {
  const long = `secrets${"_".repeat(56)}`;
  const policy: PolicyProfileInput = {
    name: "long",
    access_mode: "read_only",
    table_denylist: [`${long}and_more`],
    masking_rules: [{ table: "users", column: `email${"x".repeat(70)}`, kind: "redact" }],
  };
  test("a denylist entry longer than 63 bytes blocks the relation PostgreSQL means", () => {
    expect(rule(`SELECT * FROM ${long}`, policy)).toBe("table_denied");
    expect(rule(`SELECT * FROM ${long}whatever_follows`, policy)).toBe("table_denied");
    expect(rule(`SELECT * FROM "${long.toUpperCase()}"`, policy)).toBe("table_denied");
  });
  test("a masked column longer than 63 bytes is masked under its truncated name", () => {
    const result = engine.evaluate(`SELECT email${"x".repeat(80)} FROM users`, policy);
    expect(result.verdict).toBe("mask");
  });
  test("multi-byte names are cut on a character boundary", () => {
    const name = `${"é".repeat(40)}`; // 80 bytes: PostgreSQL keeps 31 characters (62 bytes)
    const p: PolicyProfileInput = { name: "mb", table_denylist: [name] };
    expect(rule(`SELECT * FROM ${"é".repeat(31)}`, p)).toBe("table_denied");
    expect(rule(`SELECT * FROM ${"é".repeat(30)}`, p)).toBe("ok");
  });
});

describe("relation matching of contract 0.3.x", () => {
  const policy: PolicyProfileInput = {
    name: "lists",
    access_mode: "read_only",
    table_allowlist: ["users", "orders", "sales.orders", "archive.secrets"],
    table_denylist: ["secrets"],
  };
  test("a bare allowlist entry admits public only; a qualified one its schema", () => {
    expect(rule("SELECT * FROM public.orders", policy)).toBe("ok");
    expect(rule("SELECT * FROM sales.orders", policy)).toBe("ok");
    expect(rule("SELECT * FROM archive.users", policy)).toBe("table_not_allowed");
  });
  test("a bare denylist entry blocks the name in every schema, over the allowlist", () => {
    expect(rule("SELECT * FROM archive.secrets", policy)).toBe("table_denied");
    expect(rule('SELECT * FROM "SECRETS"', policy)).toBe("table_denied");
  });
});

describe("where a catalog would be needed", () => {
  test("statistics views hold sampled values: refused when the policy protects anything", () => {
    expect(rule("SELECT * FROM pg_stats", guarded)).toBe("statistics_view");
    expect(rule("SELECT * FROM pg_catalog.pg_statistic", guarded)).toBe("statistics_view");
    expect(rule("SELECT * FROM pg_stats", open)).toBe("ok");
  });
  test("views are judged by their own name; creating one over a protected relation is refused", () => {
    const viewPolicy: PolicyProfileInput = {
      ...guardedWrite,
      table_denylist: ["secrets", "leaky_view"],
    };
    expect(rule("SELECT * FROM some_view", guardedWrite)).toBe("ok");
    expect(rule("SELECT * FROM leaky_view", viewPolicy)).toBe("table_denied");
    expect(rule("CREATE VIEW v AS SELECT email FROM users", guardedWrite)).toBe(
      "masked_column_copy",
    );
    expect(rule("CREATE VIEW v AS SELECT * FROM secrets", guardedWrite)).toBe("table_denied");
  });
  test("a view over a row-filtered relation carries the filter in its definition", () => {
    const result = engine.evaluate("CREATE VIEW v AS SELECT * FROM orders", guardedWrite);
    expect(result.verdict).toBe("row-filter");
    expect(result.rewritten_sql).toContain("tenant_id = 1");
  });
  test("user functions are unknown code; bodies the parser cannot open are refused", () => {
    expect(rule("SELECT my_function(1)", guarded)).toBe("read_only");
    expect(rule("SELECT my_function(1)", guardedWrite)).toBe("unknown_code");
    expect(rule("SELECT my_function(1)", open)).toBe("ok");
    expect(rule("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'", guardedWrite)).toBe(
      "opaque_code",
    );
    expect(rule("DO $$ BEGIN PERFORM 1; END $$", guardedWrite)).toBe("opaque_code");
    expect(rule("CREATE FUNCTION f() RETURNS int RETURN 1", guardedWrite)).toBe(
      "user_defined_code",
    );
    expect(rule("CREATE FUNCTION f() RETURNS int RETURN 1", open)).toBe("ok");
  });
  test("inheritance children and partitions are separate relations: a parent's rule covers reads through it", () => {
    const result = engine.evaluate("SELECT * FROM orders", guarded);
    expect(result.verdict).toBe("row-filter");
    expect(rule("SELECT * FROM orders_2026", guarded)).toBe("ok");
    expect(rule("CREATE TABLE child () INHERITS (orders)", guardedWrite)).toBe(
      "row_filter_unsupported",
    );
  });
});

describe("3. only the built-in comparisons count as comparing", () => {
  test("an operator from another schema is a function call over the masked value", () => {
    expect(rule("SELECT id FROM users WHERE email OPERATOR(public.=) 'x'", guarded)).toBe(
      "read_only",
    );
    expect(rule("SELECT id FROM users WHERE email OPERATOR(public.=) 'x'", guardedWrite)).toBe(
      "unknown_code",
    );
    expect(rule("SELECT id FROM users WHERE email OPERATOR(pg_catalog.=) 'x'", guarded)).toBe("ok");
  });
  test("a new function over a masked relation's whole row is refused", () => {
    expect(rule("CREATE FUNCTION peek(u users) RETURNS text RETURN u::text", guardedWrite)).toBe(
      "masked_column_expression",
    );
  });
});

describe("1. CTE names", () => {
  test("a quoted CTE name does not shadow the folded relation name", () => {
    expect(rule('WITH "Secrets" AS (SELECT 1) SELECT * FROM secrets', guarded)).toBe(
      "table_denied",
    );
    expect(rule('WITH "secrets" AS (SELECT 1) SELECT * FROM secrets', guarded)).toBe("ok");
  });
  test("a write target is never a CTE", () => {
    expect(rule("WITH secrets AS (SELECT 1) DELETE FROM secrets WHERE id = 1", guardedWrite)).toBe(
      "table_denied",
    );
  });
});

describe("12. writes through functions under read_only", () => {
  test.each([
    "SELECT nextval('s')",
    "SELECT pg_catalog.setval('s', 1)",
    "SELECT lo_unlink(1)",
    "SELECT pg_advisory_lock(1)",
    "SELECT pg_notify('c', 'x')",
  ])("%s is a write", (sql) => {
    expect(rule(sql, guarded)).toBe("read_only");
    expect(rule(sql, guardedWrite)).toBe("unsafe_function");
    expect(rule(sql, open)).toBe("ok");
  });
  test("COPY to a server file or a PROGRAM writes outside the database", () => {
    expect(rule("COPY orders TO '/tmp/out.csv'", guarded)).toBe("read_only");
    expect(rule("COPY (SELECT 1) TO PROGRAM 'cat'", guarded)).toBe("read_only");
    expect(rule("COPY (SELECT 1) TO STDOUT", guarded)).toBe("ok");
  });
  test("EXPLAIN is judged as its statement: planning may run its code", () => {
    expect(rule("EXPLAIN SELECT nextval('s')", guarded)).toBe("read_only");
    expect(rule("EXPLAIN DELETE FROM users WHERE id = 1", guarded)).toBe("ok");
  });
});

describe("10. INSERT … ON CONFLICT DO UPDATE is an update", () => {
  test("statement rules see the update", () => {
    const noUpdates: PolicyProfileInput = { ...open, statement_rules: { deny: ["update"] } };
    expect(
      rule("INSERT INTO t (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET x = 1", noUpdates),
    ).toBe("statement_denied");
    expect(rule("INSERT INTO t (id) VALUES (1) ON CONFLICT DO NOTHING", noUpdates)).toBe("ok");
  });
});
