// A fast-check generator of hostile statements: the families' building blocks (quoted CTE
// names, SQL in strings, computations over masked values, attribute notation, RETURNING old,
// set operations, row-filter placements, ON CONFLICT, settings, writing functions), combined.
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import fc from "fast-check";
import { allowlisted, guarded, guardedWrite, tenantUsers } from "./families.js";

const carrier = fc.constantFrom("email", "ssn", "note", "u.email", "u.note", "u");
const leakyValue = carrier.chain((c) =>
  fc.constantFrom(
    c,
    `${c}::text`,
    `(${c})::text::int`,
    `lower(${c}::text)`,
    `u.row_to_json`,
    `u.text`,
    `(u).to_jsonb`,
    `pg_notify('x', ${c}::text) IS NULL`,
    `set_config('a.b', ${c}::text, false)`,
    `string_agg(${c}::text, ',')`,
    `query_to_xml('SELECT email FROM users', true, false, '')`,
    `table_to_xml('secrets', true, false, '')`,
    "nextval('s')",
    `(SELECT ${c}::text)`,
    "id",
  ),
);
const source = fc.constantFrom(
  "users u",
  "users u JOIN orders o ON o.user_id = u.id",
  "orders u",
  "orders u TABLESAMPLE SYSTEM (100)",
  "orders AS u (a, b, c)",
  "(orders JOIN users ON orders.user_id = users.id) AS u",
  "users u LEFT JOIN orders o ON o.user_id = u.id",
  "(SELECT * FROM users) u",
  "sales.orders u",
  "secrets u",
  "sales.secrets u",
  "pg_stats u",
);
const cte = fc.constantFrom(
  "",
  'WITH "Secrets" AS (SELECT 1) ',
  'WITH "Users" AS (SELECT 1 AS email) ',
  'WITH "Orders" AS (SELECT 1) ',
);
const tail = fc.constantFrom(
  "",
  "",
  " UNION ALL SELECT email FROM users",
  " UNION ALL SELECT * FROM staff",
  " ORDER BY 1",
);

const select = fc
  .tuple(cte, leakyValue, source, fc.option(leakyValue, { nil: undefined }), tail)
  .map(
    ([w, value, from, condition, rest]) =>
      `${w}SELECT ${value} FROM ${from}${condition === undefined ? "" : ` WHERE ${condition}`}${rest}`,
  );

const write = fc
  .tuple(cte, fc.constantFrom("users", "orders"), leakyValue, leakyValue)
  .chain(([w, table, condition, returned]) =>
    fc.constantFrom(
      `${w}UPDATE ${table} u SET total = 1 WHERE ${condition} RETURNING ${returned}`,
      `${w}UPDATE ${table} SET n = 1 WHERE id = 2 RETURNING old.*`,
      `${w}DELETE FROM ${table} u WHERE ${condition} RETURNING ${returned}`,
      `INSERT INTO ${table} (id) VALUES (2) ON CONFLICT (id) DO UPDATE SET tenant_id = 1 RETURNING *`,
      `INSERT INTO ${table} (id) VALUES (2) ON CONFLICT (id) DO UPDATE SET n = 1 WHERE ${condition}`,
      `SET search_path = sales; SELECT * FROM ${table}`,
      `SELECT set_config('search_path', 'sales', false); SELECT * FROM ${table}`,
    ),
  );

/** A hostile statement and the policy it is tried under. */
export const hostileCase: fc.Arbitrary<{ sql: string; policy: PolicyProfileInput }> = fc.record({
  sql: fc.oneof({ weight: 3, arbitrary: select }, { weight: 2, arbitrary: write }),
  policy: fc.constantFrom(guarded, guardedWrite, tenantUsers, allowlisted),
});
