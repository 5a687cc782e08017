// Hostile statements of our own, one family per way of getting past a policy. Each runs
// through the leak oracle by name; the generator recombines their building blocks.
import type { PolicyProfileInput } from "@pgbeam/policies-types";

/** The profile most attacks aim at: masks, a denied table and a tenant filter, read-only. */
export const guarded: PolicyProfileInput = {
  name: "guarded",
  access_mode: "read_only",
  table_denylist: ["secrets"],
  masking_rules: [
    { table: "users", column: "email", kind: "redact" },
    { table: "public.users", column: "ssn", kind: "hash" },
  ],
  row_filters: [{ table: "orders", predicate: "tenant_id = 1" }],
};

/** The same rules under read_write, for attacks that need to write or change the schema. */
export const guardedWrite: PolicyProfileInput = {
  ...guarded,
  name: "guarded-write",
  access_mode: "read_write",
};

/** A tenant filter on users itself, where the masked columns live too. */
export const tenantUsers: PolicyProfileInput = {
  name: "tenant-users",
  access_mode: "read_write",
  row_filters: [{ table: "users", predicate: "tenant_id = 1" }],
};

/** An allowlist of bare names (public only) and a bare denylist entry (every schema). */
export const allowlisted: PolicyProfileInput = {
  name: "allowlisted",
  access_mode: "read_only",
  table_allowlist: ["users", "orders"],
  table_denylist: ["secrets"],
};

/** A family of attacks: its statements and the profiles they are tried under. */
export interface AttackFamily {
  name: string;
  profiles: PolicyProfileInput[];
  statements: string[];
}

/** The thirteen families of the issue, plus the catalog shapes. */
export const families: AttackFamily[] = [
  {
    name: "1. CTE scoping",
    profiles: [guarded, guardedWrite],
    statements: [
      'WITH "Secrets" AS (SELECT 1) SELECT * FROM secrets',
      'WITH "SECRETS" AS (SELECT 1 AS x) SELECT token FROM secrets',
      'WITH "Users" AS (SELECT 1 AS email) SELECT email FROM users',
      'WITH "Orders" AS (SELECT 1) SELECT note FROM orders',
      "WITH orders AS (SELECT 1 AS id) DELETE FROM orders WHERE id > 0 RETURNING note",
      "WITH users AS (SELECT 1 AS id) UPDATE users SET n = 1 WHERE id > 0 RETURNING email, ssn AS e",
      "WITH secrets AS (SELECT 1 AS id) UPDATE secrets SET id = id WHERE id > 0 RETURNING token",
    ],
  },
  {
    name: "2. SQL or relation names passed as strings",
    profiles: [guarded, allowlisted],
    statements: [
      "SELECT table_to_xml('secrets', true, false, '')",
      "SELECT table_to_xml('sales.secrets'::regclass, true, false, '')",
      "SELECT query_to_xml('SELECT email FROM users', true, false, '')",
      "SELECT query_to_xml_and_xmlschema('SELECT * FROM secrets', true, false, '')",
      "SELECT database_to_xml(true, false, '')",
      "SELECT schema_to_xml('public', true, false, '')",
      "SELECT * FROM ts_stat('SELECT to_tsvector(email) FROM users')",
      "SELECT pg_catalog.query_to_xml('SELECT note FROM orders', true, false, '')",
      "SELECT x FROM users u, LATERAL query_to_xml('SELECT token FROM secrets', true, false, '') AS x",
    ],
  },
  {
    name: "3. expressions over masked values in filter positions",
    profiles: [guarded, guardedWrite],
    statements: [
      "SELECT count(*) FROM users HAVING string_agg(email, ',')::int > 0",
      "SELECT id FROM users WHERE email::int > 0",
      "SELECT id FROM users WHERE set_config('x.y', email, false) IS NULL",
      "SELECT id FROM users WHERE pg_notify('leak', email) IS NULL",
      "SELECT id FROM users WHERE lo_from_bytea(0, convert_to(email, 'UTF8')) > 0",
      "SELECT id FROM users ORDER BY ssn::numeric",
      "SELECT id FROM users GROUP BY id HAVING max(email)::int > 0",
      "SELECT id FROM users u JOIN orders o ON u.email::int = o.id",
      "SELECT id FROM users WHERE (email || 'x')::int > 0",
      "SELECT id FROM users WHERE CAST(ssn AS date) IS NULL",
      "SELECT id FROM users WHERE jsonb_build_object('a', email)::text::int > 0",
      "SELECT id FROM users WHERE (SELECT email::int) > 0",
      "SELECT id FROM users u WHERE u::text::int > 0",
      "INSERT INTO t (id) VALUES (1) ON CONFLICT DO NOTHING",
      "INSERT INTO users (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET n = 1 WHERE users.email::int > 0",
      "MERGE INTO t USING users u ON u.email::int = t.id WHEN MATCHED THEN DO NOTHING",
      "SELECT id FROM users WHERE email OPERATOR(public.=) 'x'",
      "SELECT x FROM users u CROSS JOIN LATERAL (SELECT u.ssn AS x) s",
      "SELECT x FROM users u JOIN LATERAL (SELECT u.email AS x) s ON true",
      "SELECT id FROM users WHERE email = 'x'",
      "SELECT id FROM users WHERE email LIKE 'cnry%' ORDER BY email",
    ],
  },
  {
    name: "4. attribute notation",
    profiles: [guarded],
    statements: [
      "SELECT u.row_to_json FROM users u",
      "SELECT (u).to_jsonb FROM users u",
      "SELECT users.to_json FROM users",
      "SELECT u.text FROM users u",
      "SELECT u.array_agg FROM users u",
      "SELECT (u).max FROM users u",
      "SELECT id FROM users u WHERE u.row_to_json::text::int > 0",
      "SELECT u.quote_literal FROM users u",
    ],
  },
  {
    name: "5. RETURNING old/new",
    profiles: [guardedWrite],
    statements: [
      "UPDATE users SET n = 1 WHERE id = 1 RETURNING old.email",
      "UPDATE users SET n = 1 WHERE id = 1 RETURNING old.*",
      "UPDATE users SET n = 1 WHERE id = 1 RETURNING new",
      "UPDATE users SET n = 1 WHERE id = 1 RETURNING WITH (OLD AS o) o.ssn AS x",
      "DELETE FROM users WHERE id = 1 RETURNING WITH (OLD AS gone) gone.*",
      "INSERT INTO users (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET n = 2 RETURNING old.email AS e",
      "UPDATE users SET n = 1 WHERE id = 1 RETURNING row_to_json(old)",
    ],
  },
  {
    name: "6. output names",
    profiles: [guarded],
    statements: [
      "SELECT * FROM orders UNION ALL SELECT id, tenant_id, id, email, id, id FROM users",
      "SELECT * FROM staff UNION ALL SELECT email FROM users",
      "SELECT name, id FROM users UNION SELECT email, id FROM users",
      "SELECT * FROM (SELECT * FROM orders UNION ALL SELECT id, tenant_id, id, ssn, id, id FROM users) x",
      "WITH RECURSIVE r(a, b, i) AS (SELECT 'x'::text, email, 0 FROM users UNION ALL SELECT b, a, i + 1 FROM r WHERE i < 3) SELECT a FROM r",
      "WITH RECURSIVE r(a, b, c, i) AS (SELECT ssn, 'x'::text, 'y'::text, 0 FROM users UNION ALL SELECT c, a, b, i + 1 FROM r WHERE i < 4) SELECT c FROM r",
      "SELECT id, name FROM users EXCEPT SELECT id, email FROM users",
    ],
  },
  {
    name: "7. stored copies",
    profiles: [guardedWrite],
    statements: [
      "CREATE RULE r AS ON INSERT TO t DO ALSO INSERT INTO staging SELECT email FROM users",
      "CREATE FUNCTION f() RETURNS text BEGIN ATOMIC SELECT email FROM users LIMIT 1; END",
      "CREATE FUNCTION g() RETURNS text RETURN (SELECT ssn FROM users LIMIT 1)",
      "CREATE FUNCTION h() RETURNS SETOF text LANGUAGE sql AS 'SELECT email FROM users'",
      "CREATE FUNCTION k() RETURNS text LANGUAGE plpgsql AS $$BEGIN RETURN (SELECT token FROM secrets LIMIT 1); END$$",
      "DO $$BEGIN RAISE NOTICE '%', (SELECT string_agg(email, ',') FROM users); END$$",
      "CREATE FUNCTION o() RETURNS SETOF orders BEGIN ATOMIC SELECT * FROM orders; END",
      "CREATE FUNCTION peek(users) RETURNS text BEGIN ATOMIC SELECT $1::text; END",
    ],
  },
  {
    name: "8. schema changes aimed at the rule",
    profiles: [guardedWrite],
    statements: [
      "ALTER SCHEMA public RENAME TO p2",
      "ALTER TABLE orders RENAME TO orders_all",
      "ALTER TABLE orders SET SCHEMA sales",
      "ALTER TABLE users ADD CONSTRAINT fk FOREIGN KEY (email) REFERENCES staff (name)",
      "ALTER TABLE users ADD FOREIGN KEY (ssn) REFERENCES staff (name) NOT VALID",
      "ALTER TABLE users ALTER COLUMN email TYPE int USING 1",
      "ALTER TABLE users ALTER COLUMN ssn TYPE int",
      "CREATE DOMAIN d AS text CHECK (VALUE::int > 0)",
      "ALTER TABLE users ADD CONSTRAINT c CHECK (email::int > 0)",
      "ALTER INDEX users_email_key RENAME TO e",
      "CREATE TABLE staff2 (e text REFERENCES users (email))",
    ],
  },
  {
    name: "9. row-filter placement",
    profiles: [guarded, tenantUsers],
    statements: [
      "SELECT * FROM orders TABLESAMPLE SYSTEM (100)",
      "SELECT * FROM orders AS o (a, b, c, d)",
      "SELECT id FROM orders WHERE pg_notify('leak', note) IS NULL",
      "SELECT id FROM orders WHERE note::int > 0",
      "SELECT id FROM orders o WHERE 1 / (o.total - 20) > 0",
      "SELECT * FROM (orders JOIN users ON orders.user_id = users.id) AS j",
      "SELECT id FROM users WHERE set_config('x.y', note, false) IS NULL",
      "SELECT o.id FROM users u JOIN orders o ON o.note::int = u.id",
      "UPDATE users SET n = 1 WHERE note::int > 0",
      "DELETE FROM users WHERE pg_notify('x', note) IS NULL",
      "SELECT * FROM ONLY orders",
      "SELECT id FROM orders WHERE note = 'x' AND total > 0",
    ],
  },
  {
    name: "10. INSERT … ON CONFLICT DO UPDATE",
    profiles: [tenantUsers, guarded],
    statements: [
      "INSERT INTO users (id, tenant_id) VALUES (2, 1) ON CONFLICT (id) DO UPDATE SET n = 9 RETURNING note",
      "INSERT INTO users (id) VALUES (3) ON CONFLICT (id) DO UPDATE SET note = excluded.note RETURNING *",
      "INSERT INTO orders (id) VALUES (2) ON CONFLICT (id) DO UPDATE SET total = 0 RETURNING note",
    ],
  },
  {
    name: "11. session settings that change meaning",
    profiles: [guarded, allowlisted],
    statements: [
      "SET standard_conforming_strings = off",
      "SET search_path = sales, public",
      "SELECT set_config('search_path', 'sales', false)",
      "SET LOCAL search_path TO archive",
      "SELECT set_config('standard_' || 'conforming_strings', 'off', false)",
      "SET SESSION standard_conforming_strings TO off",
      "SET search_path = sales; SELECT * FROM orders",
      "SELECT set_config('search_path', 'sales', false); SELECT note FROM orders",
    ],
  },
  {
    name: "12. writes and locks through functions under read_only",
    profiles: [guarded],
    statements: [
      "SELECT nextval('s')",
      "SELECT setval('s', 100)",
      "SELECT lo_unlink(4242)",
      "SELECT lo_put(4242, 0, '\\x00')",
      "SELECT lo_create(0)",
      "SELECT pg_advisory_lock(1)",
      "SELECT pg_try_advisory_lock(2)",
      "SELECT id FROM users WHERE nextval('s') > 0",
      "SELECT pg_catalog.setval('s', 5, true)",
      "SELECT * FROM users u, LATERAL (SELECT nextval('s')) n",
    ],
  },
  {
    name: "13. identifier truncation",
    profiles: [
      {
        name: "long-names",
        access_mode: "read_only",
        table_denylist: [`secrets${"_".repeat(56)}ignored`],
        masking_rules: [{ table: "users", column: `email${"x".repeat(70)}`, kind: "redact" }],
      },
    ],
    statements: [
      `SELECT * FROM secrets${"_".repeat(56)}`,
      `SELECT * FROM secrets${"_".repeat(56)}anything_else`,
      `SELECT email${"x".repeat(58)} FROM users`,
    ],
  },
  {
    name: "catalog shapes: statistics, views, inheritance",
    profiles: [guarded, guardedWrite],
    statements: [
      "SELECT most_common_vals::text FROM pg_stats WHERE tablename = 'users'",
      "SELECT * FROM pg_catalog.pg_stats",
      "SELECT stxdmcv::text FROM pg_statistic_ext_data",
      "SELECT * FROM pg_stats_ext",
      "CREATE VIEW v AS SELECT email FROM users",
      "CREATE VIEW v AS SELECT * FROM secrets",
      "CREATE TABLE child () INHERITS (orders)",
    ],
  },
];
