// The database the leak oracle runs statements on: every value a policy could keep in is a
// canary (a string that appears nowhere else), so finding one in a result, an error or a
// notice proves it got out.

/** One seeded column whose values are canaries, and the rows they sit in. */
export interface CanaryColumn {
  /** Schema-qualified relation, as a policy would name it. */
  table: string;
  column: string;
  /** The row key column, to ask PostgreSQL which rows a row filter hides. */
  key: string;
  values: { key: number; value: string }[];
}

const users = [
  { id: 1, tenant: 1 },
  { id: 2, tenant: 2 },
  { id: 3, tenant: 42 },
];

const canary = (what: string, id: number) => `cnry${what}${id}q`;

/** Every canary column of the seed. */
export const canaryColumns: CanaryColumn[] = [
  ...["email", "ssn", "note"].map((column) => ({
    table: "public.users",
    column,
    key: "id",
    values: users.map((u) => ({ key: u.id, value: canary(`users${column}`, u.id) })),
  })),
  {
    table: "public.orders",
    column: "note",
    key: "id",
    values: [1, 2, 3].map((id) => ({ key: id, value: canary("ordersnote", id) })),
  },
  {
    table: "public.secrets",
    column: "token",
    key: "id",
    values: [1, 2].map((id) => ({ key: id, value: canary("secretstoken", id) })),
  },
  {
    table: "sales.orders",
    column: "note",
    key: "id",
    values: [1, 2].map((id) => ({ key: id, value: canary("salesordersnote", id) })),
  },
  {
    table: "sales.secrets",
    column: "token",
    key: "id",
    values: [1].map((id) => ({ key: id, value: canary("salessecretstoken", id) })),
  },
  {
    table: "archive.users",
    column: "email",
    key: "id",
    values: [1].map((id) => ({ key: id, value: canary("archiveusersemail", id) })),
  },
];

const value = (table: string, column: string, key: number) =>
  `'${canaryColumns.find((c) => c.table === table && c.column === column)?.values.find((v) => v.key === key)?.value ?? ""}'`;

/** The schema and data, as one multi-statement script. */
export const seedSql = [
  "CREATE SCHEMA sales",
  "CREATE SCHEMA archive",
  "CREATE TABLE users (id int PRIMARY KEY, tenant_id int, name text, email text UNIQUE, ssn text, n int, note text)",
  ...users.map(
    (u) =>
      `INSERT INTO users VALUES (${u.id}, ${u.tenant}, 'user${u.id}', ${value("public.users", "email", u.id)}, ${value("public.users", "ssn", u.id)}, 0, ${value("public.users", "note", u.id)})`,
  ),
  "CREATE TABLE orders (id int PRIMARY KEY, tenant_id int, user_id int, note text, total int, uid int)",
  `INSERT INTO orders VALUES (1, 1, 1, ${value("public.orders", "note", 1)}, 10, 1), (2, 2, 2, ${value("public.orders", "note", 2)}, 20, 2), (3, 42, 3, ${value("public.orders", "note", 3)}, 30, 3)`,
  "CREATE TABLE secrets (id int PRIMARY KEY, token text)",
  `INSERT INTO secrets VALUES (1, ${value("public.secrets", "token", 1)}), (2, ${value("public.secrets", "token", 2)})`,
  "CREATE TABLE sales.orders (id int PRIMARY KEY, tenant_id int, user_id int, note text, total int)",
  `INSERT INTO sales.orders VALUES (1, 1, 1, ${value("sales.orders", "note", 1)}, 5), (2, 2, 2, ${value("sales.orders", "note", 2)}, 6)`,
  "CREATE TABLE sales.secrets (id int PRIMARY KEY, token text)",
  `INSERT INTO sales.secrets VALUES (1, ${value("sales.secrets", "token", 1)})`,
  "CREATE TABLE archive.users (id int PRIMARY KEY, email text)",
  `INSERT INTO archive.users VALUES (1, ${value("archive.users", "email", 1)})`,
  "CREATE TABLE staff (name text)",
  "INSERT INTO staff VALUES ('staff1')",
  "CREATE TABLE audit (x int)",
  "CREATE TABLE t (id int, x int, a int)",
  "CREATE TABLE t2 (id int)",
  "CREATE TABLE staging (e text)",
  "CREATE TABLE src (id int)",
  "CREATE TABLE tickets (id int, tenant_id int, status text)",
  "CREATE SEQUENCE s",
  "SELECT lo_from_bytea(4242, 'large object payload')",
  "ANALYZE",
].join(";\n");

/** Every seeded relation whose rows the state snapshot reads. */
export const seededTables = [
  "users",
  "orders",
  "secrets",
  "sales.orders",
  "sales.secrets",
  "archive.users",
  "staff",
  "audit",
  "t",
  "t2",
  "staging",
  "src",
  "tickets",
];

/**
 * One query whose text result changes whenever data, schema, sequences, large objects or
 * session-spanning locks change (settings are session state, not data, and are left out; names
 * are schema-qualified so that a changed search_path does not read as a changed database).
 */
export const snapshotSql = `SELECT concat_ws(' | ',
  ${seededTables.map((table) => `(SELECT coalesce(json_agg(r ORDER BY r::text)::text, '[]') FROM ${table.includes(".") ? table : `public.${table}`} r)`).join(",\n  ")},
  (SELECT last_value::text || is_called::text FROM public.s),
  (SELECT coalesce(string_agg(loid::text || ':' || encode(data, 'hex'), ',' ORDER BY loid, pageno), '') FROM pg_largeobject),
  (SELECT count(*)::text FROM pg_largeobject_metadata),
  (SELECT count(*)::text FROM pg_class),
  (SELECT count(*)::text FROM pg_proc),
  (SELECT count(*)::text FROM pg_rewrite),
  (SELECT count(*)::text FROM pg_trigger),
  (SELECT count(*)::text FROM pg_constraint),
  (SELECT count(*)::text FROM pg_type),
  (SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace),
  (SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relnamespace <> 'pg_catalog'::regnamespace AND relnamespace <> 'information_schema'::regnamespace),
  (SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory')
) AS snapshot`;
