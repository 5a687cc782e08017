// fast-check arbitraries of SQL statements and policies over a small shared vocabulary.
import type { PolicyProfileInput, StatementKind } from "@pgbeam/policies-types";
import { statementKinds } from "@pgbeam/policies-validators";
import fc from "fast-check";

/** Relation spellings, including quoted, upper-case and schema-qualified ones. */
export const relationNames = [
  "users",
  "public.users",
  "USERS",
  '"users"',
  "orders",
  "app.orders",
  "secrets",
];
const relation = fc.constantFrom(...relationNames);
const column = fc.constantFrom("id", "email", "name", "tenant_id");
const where = fc.option(fc.constantFrom("id = 1", "name = 'x'", "id IN (SELECT id FROM secrets)"), {
  nil: undefined,
});
const whereSql = (clause: string | undefined) => (clause === undefined ? "" : ` WHERE ${clause}`);

/** Reads: projections, stars, aliases, joins, subqueries, CTEs, set operations, locks. */
export const readSql: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.array(column, { minLength: 1, maxLength: 3 }), relation, where)
    .map(([cols, rel, w]) => `SELECT ${cols.join(", ")} FROM ${rel}${whereSql(w)}`),
  fc.tuple(relation, relation).map(([a, b]) => `SELECT x.* FROM ${a} x JOIN ${b} y ON y.id = x.id`),
  fc.tuple(column, relation).map(([c, r]) => `WITH w AS (SELECT ${c} FROM ${r}) SELECT * FROM w`),
  fc
    .tuple(column, relation, relation)
    .map(([c, a, b]) => `SELECT ${c} FROM ${a} UNION SELECT ${c} FROM ${b}`),
  fc.tuple(column, relation).map(([c, r]) => `SELECT (SELECT ${c} FROM ${r} LIMIT 1) AS v`),
  fc
    .tuple(relation, fc.constantFrom("FOR UPDATE", "FOR SHARE"))
    .map(([r, l]) => `SELECT id FROM ${r} ${l}`),
);

/** Writes and DDL, bounded or not, plain or hidden in a CTE or EXPLAIN ANALYZE. */
export const writeSql: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(relation, column).map(([r, c]) => `INSERT INTO ${r} (${c}) VALUES (1)`),
  fc.tuple(relation, column, where).map(([r, c, w]) => `UPDATE ${r} SET ${c} = 1${whereSql(w)}`),
  fc.tuple(relation, where).map(([r, w]) => `DELETE FROM ${r}${whereSql(w)}`),
  fc
    .tuple(relation, where)
    .map(([r, w]) => `WITH d AS (DELETE FROM ${r}${whereSql(w)} RETURNING id) SELECT * FROM d`),
  fc
    .tuple(relation, where)
    .map(([r, w]) => `EXPLAIN ANALYZE UPDATE ${r} SET id = id${whereSql(w)}`),
  relation.map((r) => `TRUNCATE ${r}`),
  relation.map((r) => `DROP TABLE ${r}`),
  relation.map((r) => `ALTER TABLE ${r} ADD COLUMN c text`),
  relation.map((r) => `CREATE INDEX ON ${r} (id)`),
  relation.map((r) => `COPY ${r} FROM STDIN`),
  fc.constant("CREATE TABLE t (id int)"),
  fc.constant("CALL refresh_everything()"),
);

/** Any statement of either family, or a batch of two. */
export const anySql: fc.Arbitrary<string> = fc.oneof(
  readSql,
  writeSql,
  fc.tuple(fc.oneof(readSql, writeSql), fc.oneof(readSql, writeSql)).map(([a, b]) => `${a}; ${b}`),
);

const kinds = fc.subarray([...statementKinds] as StatementKind[]);
const relationList = fc.subarray(relationNames.map((name) => name.replaceAll('"', "")));

/** Policies mixing every field the engine reads. */
export const policyArbitrary: fc.Arbitrary<PolicyProfileInput> = fc.record({
  name: fc.constant("generated"),
  access_mode: fc.constantFrom("read_only", "read_write"),
  statement_rules: fc.record({ allow: kinds, deny: kinds }),
  table_allowlist: relationList,
  table_denylist: relationList,
  masking_rules: fc.subarray([
    { table: "users", column: "email", kind: "redact" as const },
    { table: "app.orders", column: "name", kind: "hash" as const },
  ]),
  row_filters: fc.subarray([{ table: "orders", predicate: "tenant_id = 7" }]),
  max_affected_rows: fc.constantFrom(0, 10),
  migration_safety: fc.constantFrom("off", "warn", "block"),
});

/** Random edits of SQL: characters inserted, dropped or replaced. */
export const mutatedSql: fc.Arbitrary<string> = fc
  .tuple(
    anySql,
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom("drop", "insert", "replace"), fc.string({ maxLength: 3 })),
      { maxLength: 4 },
    ),
  )
  .map(([sql, edits]) =>
    edits.reduce((text, [at, edit, chars]) => {
      const i = text.length === 0 ? 0 : at % text.length;
      if (edit === "drop") return text.slice(0, i) + text.slice(i + 1);
      if (edit === "insert") return text.slice(0, i) + chars + text.slice(i);
      return text.slice(0, i) + chars + text.slice(i + chars.length);
    }, sql),
  );
