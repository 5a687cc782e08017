// A small grammar of PostgreSQL statements, for node types the corpora never use: every FROM
// item, join, grouping, window frame, locking clause, recursive-CTE option and DML form of the
// SELECT/INSERT/UPDATE/DELETE/MERGE grammar, with each expression hole filled by a generated
// expression. Mutation then works on what it produces like on any seed.
import { expressionText, type MutationContext } from "./mutations.js";

/** One generated statement of the grammar, as SQL text (it may not parse; the caller checks). */
export function grammarStatement(context: MutationContext): string {
  const { random, vocabulary } = context;
  const table = () => random.pick(vocabulary.tables);
  const t = table();
  const expr = () => expressionText(context, t);
  const short = t.name.split(".").at(-1) ?? t.name;
  const col = () => random.pick(t.columns);
  const fromItem = () =>
    random.pick([
      () => `${t.name}`,
      () => `${t.name} AS a (${t.columns.slice(0, 2).join(", ")})`,
      () =>
        `${t.name} TABLESAMPLE ${random.pick(["SYSTEM", "BERNOULLI"])} (${expr()}) REPEATABLE (${expr()})`,
      () => `ONLY ${t.name}`,
      () => `(SELECT ${col()} FROM ${t.name}) AS s`,
      () => `LATERAL (SELECT ${expr()} AS v) AS l`,
      () => `generate_series(1, 2) AS g (v)`,
      () => `ROWS FROM (generate_series(1, 2), unnest(ARRAY[${expr()}])) AS r (a, b)`,
      () =>
        `${t.name} ${random.pick(["JOIN", "LEFT JOIN", "FULL JOIN", "RIGHT JOIN"])} ${table().name} AS j ON ${expr()}`,
      () => `${t.name} CROSS JOIN LATERAL (SELECT ${expr()} AS v) AS l`,
      () => `${t.name} NATURAL JOIN ${table().name}`,
      () => `json_to_record(${expr()}::json) AS x (a text)`,
      () => `xmltable('/r' PASSING ${expr()}::xml COLUMNS a text PATH '.') AS x`,
    ])();
  const select = (): string => {
    const parts = [
      `SELECT ${random.chance(0.2) ? "DISTINCT " : ""}${random.pick([() => "*", () => col(), () => expr(), () => `${expr()} AS v, ${col()}`])()}`,
    ];
    parts.push(`FROM ${fromItem()}`);
    if (random.chance(0.6)) parts.push(`WHERE ${expr()}`);
    if (random.chance(0.3))
      parts.push(
        `GROUP BY ${random.pick([col(), `GROUPING SETS ((${col()}), ())`, `ROLLUP (${col()})`, `CUBE (${col()})`, expr()])}`,
      );
    if (random.chance(0.2)) parts.push(`HAVING ${expr()}`);
    if (random.chance(0.2))
      parts.push(
        `WINDOW w AS (PARTITION BY ${expr()} ORDER BY ${col()} ${random.pick(["ROWS", "RANGE", "GROUPS"])} BETWEEN ${expr()} PRECEDING AND CURRENT ROW)`,
      );
    if (random.chance(0.3)) parts.push(`ORDER BY ${expr()}`);
    if (random.chance(0.3)) parts.push(`LIMIT ${expr()}`);
    if (random.chance(0.2)) parts.push(`OFFSET ${expr()}`);
    if (random.chance(0.1)) parts.push(`FETCH FIRST ${expr()} ROWS WITH TIES`);
    if (random.chance(0.1))
      parts.push(random.pick(["FOR UPDATE", "FOR SHARE", "FOR NO KEY UPDATE SKIP LOCKED"]));
    return parts.join(" ");
  };
  return random.pick([
    select,
    () =>
      `WITH c AS ${random.pick(["", "MATERIALIZED ", "NOT MATERIALIZED "])}(${select()}) SELECT * FROM c`,
    () =>
      `WITH RECURSIVE r (n, v) AS (SELECT 1, ${col()}::text FROM ${t.name} UNION ALL SELECT n + 1, v FROM r WHERE n < 2) ${random.pick(["SEARCH DEPTH FIRST BY n SET o", "SEARCH BREADTH FIRST BY v SET o", "CYCLE v SET c USING p", ""])} SELECT * FROM r`,
    () => `SELECT ${expr()} FROM ${t.name} WHERE ${col()} IN (${select()})`,
    () => `VALUES (${expr()}), (${expr()})`,
    () => `SELECT ${expr()} ${random.pick(["UNION", "INTERSECT", "EXCEPT"])} SELECT ${expr()}`,
    () =>
      `SELECT count(*) FILTER (WHERE ${expr()}), ${random.pick(vocabulary.functionsByArity[1] ?? ["max"])}(${col()}) OVER (ORDER BY ${expr()}) FROM ${t.name} GROUP BY ${col()}`,
    () =>
      `INSERT INTO ${t.name} (${col()}) VALUES (${expr()}) ON CONFLICT DO NOTHING RETURNING ${expr()}`,
    () =>
      `INSERT INTO ${t.name} (${t.columns.join(", ")}) ${select()} ON CONFLICT (${t.columns[0]}) DO UPDATE SET ${col()} = excluded.${col()} WHERE ${expr()}`,
    () => `UPDATE ${t.name} SET ${col()} = ${expr()} WHERE ${expr()} RETURNING ${expr()}`,
    () =>
      `UPDATE ${t.name} AS u SET ${col()} = x.v FROM (SELECT ${expr()} AS v) AS x WHERE ${expr()}`,
    () => `UPDATE ${t.name} SET (${col()}) = (SELECT ${expr()}) WHERE ${expr()}`,
    () => `DELETE FROM ${t.name} USING ${table().name} AS d WHERE ${expr()} RETURNING *`,
    () =>
      `MERGE INTO ${t.name} AS m USING ${table().name} AS s ON ${expr()} WHEN MATCHED AND ${expr()} THEN UPDATE SET ${col()} = ${expr()} WHEN NOT MATCHED THEN DO NOTHING RETURNING merge_action()`,
    () =>
      `SELECT ${expr()} FROM ${short} WHERE EXISTS (SELECT 1 FROM ${table().name} AS e WHERE ${expr()})`,
  ])();
}
