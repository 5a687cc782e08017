// The names the mutations draw from, read from the seeded PostgreSQL itself: catalog functions
// by arity, operators, types, and the seeded tables with their columns. Sorted, so a seed
// gives the same statements on every run.

/** What the generator may put in a name slot. */
export interface Vocabulary {
  /** pg_catalog function names by argument count (0–4). */
  functionsByArity: string[][];
  /** pg_catalog functions with their declared argument types (for typed calls). */
  signatures: { name: string; args: string[] }[];
  /** Operator names (`=`, `||`, `@@`, …). */
  operators: string[];
  /** Type names for casts. */
  types: string[];
  /** Settings a session may change, each with values PostgreSQL accepts for it. */
  settings: { name: string; values: string[] }[];
  /** Seeded tables (schema-qualified where not public) and their columns. */
  tables: { name: string; columns: string[] }[];
}

/** Where the vocabulary comes from: a read-only query on the seeded template. */
export type CatalogQuery = <T>(sql: string) => Promise<T[]>;

// Functions that only wait or stop the server: they find nothing and cost a thread restart.
const pointless = [
  "pg_sleep",
  "pg_sleep_for",
  "pg_sleep_until",
  "pg_terminate_backend",
  "pg_cancel_backend",
  "pg_promote",
  "pg_wal_replay_pause",
];

/** Reads the vocabulary from the catalog; `customSettings` adds `x.y` names (from the policies). */
export async function readVocabulary(
  query: CatalogQuery,
  customSettings: readonly string[],
): Promise<Vocabulary> {
  const functions = await query<{ proname: string; nargs: number }>(
    `SELECT DISTINCT proname, pronargs AS nargs FROM pg_proc
     WHERE pronamespace = 'pg_catalog'::regnamespace AND prokind IN ('f', 'a', 'w') AND pronargs <= 4
       AND proname NOT IN (${pointless.map((name) => `'${name}'`).join(", ")})
       AND proname !~ '(_in|_out|_recv|_send|handler|_support|sel|joinsel)$'
     ORDER BY proname, nargs`,
  );
  const functionsByArity: string[][] = [[], [], [], [], []];
  for (const { proname, nargs } of functions) functionsByArity[nargs]?.push(proname);
  const signatures = (
    await query<{ proname: string; args: string[] }>(
      `SELECT proname, array(SELECT format_type(t, NULL) FROM unnest(proargtypes) AS t) AS args
       FROM pg_proc
       WHERE pronamespace = 'pg_catalog'::regnamespace AND prokind IN ('f', 'a') AND pronargs <= 4
         AND proname NOT IN (${pointless.map((name) => `'${name}'`).join(", ")})
         AND proname !~ '(_in|_out|_recv|_send|handler|_support|sel|joinsel)$'
         AND prorettype <> 'internal'::regtype AND NOT 'internal'::regtype = ANY (proargtypes)
       ORDER BY proname, proargtypes::text`,
    )
  ).map((row) => ({ name: row.proname, args: row.args }));
  const operators = (
    await query<{ oprname: string }>(
      "SELECT DISTINCT oprname FROM pg_operator WHERE oprleft <> 0 ORDER BY oprname",
    )
  ).map((row) => row.oprname);
  const types = (
    await query<{ typname: string }>(
      `SELECT typname FROM pg_type WHERE typnamespace = 'pg_catalog'::regnamespace
         AND typtype IN ('b', 'r', 'm', 'd') AND typname !~ '^_' AND typisdefined
         AND typname NOT IN ('cstring', 'internal', 'unknown')
       ORDER BY typname`,
    )
  ).map((row) => row.typname);
  const settings = (
    await query<{ name: string; vartype: string; enumvals: string[] | null; setting: string }>(
      `SELECT name, vartype, enumvals, setting FROM pg_settings
       WHERE context IN ('user', 'superuser') ORDER BY name`,
    )
  ).map(({ name, vartype, enumvals, setting }) => ({
    name,
    values:
      vartype === "bool"
        ? ["on", "off"]
        : vartype === "enum"
          ? (enumvals ?? [setting])
          : vartype === "string"
            ? [setting, "public"]
            : ["0", "1", setting],
  }));
  const columns = await query<{ name: string; column_name: string }>(
    `SELECT CASE table_schema WHEN 'public' THEN '' ELSE table_schema || '.' END || table_name AS name,
            column_name
     FROM information_schema.columns
     WHERE table_schema IN ('public', 'sales', 'archive')
     ORDER BY name, ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const { name, column_name } of columns) {
    tables.set(name, [...(tables.get(name) ?? []), column_name]);
  }
  return {
    functionsByArity,
    signatures,
    operators,
    types,
    settings: [...settings, ...customSettings.map((name) => ({ name, values: ["0", "1", "42"] }))],
    tables: [...tables].map(([name, cols]) => ({ name, columns: cols })),
  };
}
