// classifyStatement, relationsOf and fingerprint, and how the engine treats bad input.
import { ValidationError } from "@pgbeam/policies-validators";
import { beforeAll, describe, expect, test } from "vitest";
import {
  classifyStatement,
  createEngine,
  fingerprint,
  type PolicyEngine,
  relationsOf,
  SqlSyntaxError,
} from "../src/index.js";

let engine: PolicyEngine;

beforeAll(async () => {
  engine = await createEngine();
});

describe("classifyStatement", () => {
  test.each([
    ["SELECT 1", "select", ["select"], false],
    ["VALUES (1)", "select", ["select"], false],
    ["INSERT INTO t VALUES (1)", "insert", ["insert"], true],
    ["UPDATE t SET a = 1 WHERE id = 2", "update", ["update"], true],
    ["DELETE FROM t WHERE id = 2", "delete", ["delete"], true],
    ["CREATE TABLE t (id int)", "ddl", ["ddl"], true],
    ["GRANT SELECT ON t TO bob", "ddl", ["ddl"], true],
    ["COPY t TO STDOUT", "copy", ["copy"], false],
    ["COPY t FROM STDIN", "copy", ["copy"], true],
    ["SET search_path = app", "set", ["set"], false],
    ["SHOW search_path", "show", ["show"], false],
    ["EXPLAIN SELECT 1", "explain", ["explain"], false],
    ["EXPLAIN ANALYZE DELETE FROM t WHERE id = 1", "explain", ["explain", "delete"], true],
    ["BEGIN", "transaction", ["transaction"], false],
    ["CALL p()", "other", ["other"], true],
    ["SELECT 1 FROM t FOR UPDATE", "select", ["select"], true],
    [
      "WITH d AS (DELETE FROM t WHERE id = 1 RETURNING id) SELECT * FROM d",
      "select",
      ["select", "delete"],
      true,
    ],
    [
      "MERGE INTO t USING s ON s.id = t.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT VALUES (s.id)",
      "delete",
      ["delete", "insert"],
      true,
    ],
  ])("%s → %s", (sql, kind, kinds, writes) => {
    expect(engine.classifyStatement(sql)).toEqual([{ kind, kinds, writes }]);
  });

  test("a batch gives one entry per statement", async () => {
    const kinds = (await classifyStatement("BEGIN; UPDATE t SET a = 1 WHERE b; COMMIT")).map(
      (s) => s.kind,
    );
    expect(kinds).toEqual(["transaction", "update", "transaction"]);
  });

  test("unparsable SQL throws SqlSyntaxError with the parser's position", () => {
    expect(() => engine.classifyStatement("SELECT * FROM")).toThrow(SqlSyntaxError);
    try {
      engine.classifyStatement("SELECT 1 FROM WHERE");
    } catch (error) {
      expect((error as SqlSyntaxError).position).toBe(14);
      expect((error as Error).message).toBe('syntax error at or near "WHERE" (at character 15)');
    }
  });
});

describe("relationsOf", () => {
  test("reaches joins, subqueries, CTE bodies, set operations and RETURNING, but not CTE names", async () => {
    const sql = `WITH recent AS (SELECT * FROM app.orders WHERE at > now() - interval '1 day')
      UPDATE "Users" u SET seen = true FROM recent r
      WHERE r.user_id = u.id AND u.id IN (SELECT user_id FROM bans UNION SELECT user_id FROM public.flags)
      RETURNING (SELECT name FROM teams t WHERE t.id = u.team_id)`;
    expect(await relationsOf(sql)).toEqual([
      { name: "app.orders", key: "app.orders", mode: "read" },
      { name: "Users", key: "users", mode: "write" },
      { name: "bans", key: "bans", mode: "read" },
      { name: "public.flags", key: "flags", mode: "read" },
      { name: "teams", key: "teams", mode: "read" },
    ]);
  });

  test("DDL targets are writes; DROP lists every table", () => {
    expect(engine.relationsOf("DROP TABLE a, s.b").map((r) => `${r.mode}:${r.key}`)).toEqual([
      "write:a",
      "write:s.b",
    ]);
    expect(engine.relationsOf("CREATE INDEX ON users (id)")).toEqual([
      { name: "users", key: "users", mode: "write" },
    ]);
  });

  test("a relation both read and written is listed once per mode", () => {
    expect(engine.relationsOf("INSERT INTO t SELECT * FROM t").map((r) => r.mode)).toEqual([
      "write",
      "read",
    ]);
  });
});

describe("fingerprint", () => {
  test("queries that differ only in constants share a hash, and constants become $N", async () => {
    const a = await fingerprint("SELECT id FROM users WHERE id = 1 AND name = 'x'");
    const b = await fingerprint("select id from users where id = 99 and name = 'y'");
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(a.normalized).toBe("SELECT id FROM users WHERE id = $1 AND name = $2");
  });

  test("a different shape has a different hash", () => {
    expect(engine.fingerprint("SELECT id FROM users").hash).not.toBe(
      engine.fingerprint("SELECT name FROM users").hash,
    );
  });
});

describe("bad input", () => {
  test.each([
    [undefined, "sql must be a string (got undefined)"],
    [null, "sql must be a string (got null)"],
    [42, "sql must be a string (got number)"],
    [["SELECT 1"], "sql must be a string (got an array)"],
  ])("non-string SQL %j is a TypeError that says so", (sql, message) => {
    expect(() => engine.evaluate(sql as never, { name: "p" })).toThrow(new TypeError(message));
    expect(() => engine.relationsOf(sql as never)).toThrow(TypeError);
  });

  test("a policy that is not an object is a TypeError", () => {
    expect(() => engine.evaluate("SELECT 1", "read_only" as never)).toThrow(
      new TypeError("policy must be a PolicyProfileInput or PolicyProfile object (got string)"),
    );
  });

  test("an invalid policy is a ValidationError naming each field", () => {
    const invalid = {
      name: "p",
      access_mode: "readonly",
      masking_rules: [{ table: "users", column: "email", kind: "blur" }],
    };
    let thrown: unknown;
    try {
      engine.evaluate("SELECT 1", invalid as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    const messages = (thrown as ValidationError).issues.map((issue) => issue.message);
    expect(messages).toContain(
      'access_mode must be one of "read_only", "read_write" (got "readonly")',
    );
    expect(messages).toContain(
      'masking_rules[0].kind must be one of "redact", "null", "hash" (got "blur")',
    );
  });

  test("a saved PolicyProfile is accepted as it comes from the API", () => {
    const saved = {
      id: "pol_1",
      project_id: "prj_1",
      name: "saved",
      access_mode: "read_only" as const,
      table_allowlist: [],
      table_denylist: ["secrets"],
      masking_rules: [],
      created_at: "2026-11-25T10:00:00Z",
      updated_at: "2026-11-25T10:00:00Z",
    };
    expect(engine.evaluate("SELECT * FROM secrets", saved).rule).toBe("table_denied");
  });

  test("absent fields take the spec's defaults: read_only when access_mode is absent", () => {
    expect(engine.evaluate("DELETE FROM t WHERE id = 1", { name: "defaults" }).rule).toBe(
      "read_only",
    );
  });

  test("a compiled policy gives the same answers as the plain one", () => {
    const policy = { name: "p", access_mode: "read_write" as const, table_denylist: ["secrets"] };
    const compiled = engine.compile(policy);
    for (const sql of ["SELECT * FROM secrets", "SELECT 1", "DELETE FROM t"]) {
      expect(engine.evaluate(sql, compiled)).toEqual(engine.evaluate(sql, policy));
    }
  });

  test("a plain policy object changed between calls is judged by its new content", () => {
    const policy: { name: string; table_denylist: string[] } = {
      name: "mutable",
      table_denylist: [],
    };
    expect(engine.evaluate("SELECT * FROM secrets", policy).verdict).toBe("allow");
    policy.table_denylist.push("secrets");
    expect(engine.evaluate("SELECT * FROM secrets", policy).rule).toBe("table_denied");
  });

  test("a cyclic policy is a ValidationError, not a JSON crash", () => {
    const policy: Record<string, unknown> = { name: "cyclic" };
    policy.statement_rules = { allow: [policy] };
    expect(() => engine.evaluate("SELECT 1", policy as never)).toThrow(ValidationError);
  });

  test("createEngine loads the parser once and returns the same engine", async () => {
    expect(await createEngine()).toBe(engine);
  });
});
