// The leak oracle: runs what the proxy would send for an engine verdict on a real PostgreSQL 18
// (PGlite), masks result columns by name as the proxy does, and reports every canary the
// policy keeps in that still came out, and any state a read_only verdict let change.
import { PGlite, type PGliteInterface } from "@electric-sql/pglite";
import type { DryEvalResult, PolicyProfileInput } from "@pgbeam/policies-types";
import { columnKey, relationKey, relationLists } from "@pgbeam/policies-validators/policy";
import { canaryColumns, seedSql, snapshotSql } from "./seed.js";

/** What one statement did on PostgreSQL that the policy forbids. */
export interface LeakReport {
  /** Canaries seen, with where they were seen (a column, an error field, a notice). */
  leaks: string[];
  /** True when a read_only verdict let data, schema, sequences, large objects or locks change. */
  changedState: boolean;
  /** True when PostgreSQL raised an error (the fuzzer counts how often its statements run through). */
  failed: boolean;
}

// Per-session cleanup between statements; the tenant setting is what the corpus filters read.
const resetSql =
  "ROLLBACK; RESET ALL; DEALLOCATE ALL; CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); SET pgbeam.tenant = '1'; SET statement_timeout = '5s'";

/** A seeded PostgreSQL that judges engine verdicts. Create it once per test file. */
export class LeakOracle {
  private db: PGliteInterface | undefined;
  private baseline = "";
  private readonly forbiddenByPolicy = new Map<string, Promise<Map<string, string>>>();

  private constructor(private readonly template: PGlite) {}

  /** Starts PGlite and seeds the template database. */
  static async start(): Promise<LeakOracle> {
    const template = await PGlite.create();
    await template.exec(seedSql);
    await template.exec("SET pgbeam.tenant = '1'");
    const oracle = new LeakOracle(template);
    await oracle.fresh();
    return oracle;
  }

  /** Stops every database this oracle opened. */
  async stop(): Promise<void> {
    await this.db?.close();
    await this.template.close();
  }

  /** Runs the SQL the proxy would send for `result` and reports what it let out. */
  async check(sql: string, policy: PolicyProfileInput, result: DryEvalResult): Promise<LeakReport> {
    if (result.verdict === "block") return { leaks: [], changedState: false, failed: false };
    const sent = result.rewritten_sql ?? sql;
    const forbidden = await this.forbidden(policy);
    const masked = new Set((result.masked_columns ?? []).map((c) => columnKey(c.column)));
    const seen: { where: string; text: string }[] = [];
    const db = await this.database();
    const stopListening = db.onNotification((channel, payload) =>
      seen.push({ where: "notification", text: `${channel} ${payload}` }),
    );
    const onNotice = (notice: unknown) => seen.push({ where: "notice", text: describe(notice) });
    let changedState = false;
    let failed = false;
    const readOnly = (policy.access_mode ?? "read_only") === "read_only";
    try {
      await db.exec("BEGIN");
      const results = await db.exec(sent, { onNotice });
      for (const r of results) {
        for (const row of r.rows as Record<string, unknown>[]) {
          for (const [column, value] of Object.entries(row)) {
            if (masked.has(columnKey(column))) continue;
            seen.push({ where: `column ${column}`, text: stringify(value) });
          }
        }
      }
      seen.push({ where: "settings", text: await settingsOf(db, sent) });
      if (readOnly) changedState = (await this.snapshot(db)) !== this.baseline;
    } catch (error) {
      failed = true;
      seen.push({ where: "error", text: describe(error) });
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    stopListening();
    try {
      await db.exec(resetSql);
      const after = await this.snapshot(db);
      if (after !== this.baseline) {
        if (readOnly) changedState = true;
        await this.fresh();
      }
    } catch {
      if (readOnly) changedState = true;
      await this.fresh();
    }
    return { leaks: findCanaries(seen, forbidden), changedState, failed };
  }

  /** Runs SQL in a transaction that is rolled back and resolves to its last result's rows. */
  async rows(sql: string): Promise<Record<string, unknown>[]> {
    const db = await this.database();
    await db.exec("BEGIN");
    try {
      const results = await db.exec(sql);
      return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
    } finally {
      await db.exec(resetSql);
    }
  }

  /** Runs a read-only query on the seeded template (for questions about PostgreSQL's catalog). */
  async catalog<T>(sql: string): Promise<T[]> {
    return (await this.template.query<T>(sql)).rows;
  }

  /** The canaries `policy` keeps in (by value, with why), computed once per policy. */
  private forbidden(policy: PolicyProfileInput): Promise<Map<string, string>> {
    const id = JSON.stringify(policy);
    let found = this.forbiddenByPolicy.get(id);
    if (found === undefined) {
      found = this.computeForbidden(policy);
      this.forbiddenByPolicy.set(id, found);
    }
    return found;
  }

  private async computeForbidden(policy: PolicyProfileInput): Promise<Map<string, string>> {
    const lists = relationLists(policy.table_allowlist ?? [], policy.table_denylist ?? []);
    const forbidden = new Map<string, string>();
    for (const seeded of canaryColumns) {
      const key = relationKey(seeded.table);
      const masked = (policy.masking_rules ?? []).some(
        (rule) => relationKey(rule.table) === key && columnKey(rule.column) === seeded.column,
      );
      const why = !lists.reaches(seeded.table)
        ? `${seeded.table} is out of reach`
        : masked
          ? `${seeded.table}.${seeded.column} is masked`
          : undefined;
      const hidden = await this.hiddenKeys(policy, seeded.table, seeded.key);
      for (const { key: rowKey, value } of seeded.values) {
        if (why !== undefined) forbidden.set(value, why);
        else if (hidden.has(rowKey))
          forbidden.set(value, `row ${rowKey} of ${seeded.table} is hidden by its row filter`);
      }
    }
    return forbidden;
  }

  /** Keys of the rows a policy's row filters on `table` hide, as PostgreSQL evaluates them. */
  private async hiddenKeys(policy: PolicyProfileInput, table: string, key: string) {
    const hidden = new Set<number>();
    const filters = (policy.row_filters ?? []).filter(
      (f) => relationKey(f.table) === relationKey(table),
    );
    for (const filter of filters) {
      try {
        const rows = await this.template.query<{ k: number }>(
          `SELECT ${key} AS k FROM ${table} WHERE NOT coalesce((${filter.predicate}), false)`,
        );
        for (const row of rows.rows) hidden.add(row.k);
      } catch {
        const rows = await this.template.query<{ k: number }>(`SELECT ${key} AS k FROM ${table}`);
        for (const row of rows.rows) hidden.add(row.k);
      }
    }
    return hidden;
  }

  private async database(): Promise<PGliteInterface> {
    if (this.db === undefined) await this.fresh();
    return this.db as PGliteInterface;
  }

  /** Replaces the working database with a fresh clone of the seeded template. */
  private async fresh(): Promise<void> {
    await this.db?.close();
    const db = await this.template.clone();
    this.db = db;
    await db.exec(resetSql);
    this.baseline = await this.snapshot(db);
  }

  private async snapshot(db: PGliteInterface): Promise<string> {
    const result = await db.query<{ snapshot: string }>(snapshotSql);
    return result.rows[0]?.snapshot ?? "";
  }
}

function stringify(value: unknown): string {
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
}

/**
 * Every setting of the session as one text, before the statement's transaction ends: the server's
 * own (`pg_settings`) and every custom one the SQL could have named (`x.y`, which `pg_settings`
 * does not list until an extension defines it).
 */
async function settingsOf(db: PGliteInterface, sql: string): Promise<string> {
  const custom = [...new Set(sql.match(/[a-z_][\w$]*\.[a-z_][\w$]*/gi) ?? [])].slice(0, 64);
  const result = await db
    .query<{ settings: string | null }>(
      `SELECT concat_ws(' ', (SELECT string_agg(name || '=' || coalesce(setting, ''), ' ') FROM pg_settings),
       (SELECT string_agg(n || '=' || coalesce(current_setting(n, true), ''), ' ') FROM unnest($1::text[]) AS n)) AS settings`,
      [custom],
    )
    .catch(() => undefined);
  return result?.rows[0]?.settings ?? "";
}

/** Every text field of an error or notice: message, DETAIL, HINT, CONTEXT, internal query, names. */
function describe(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const fields = [
    "message",
    "detail",
    "hint",
    "where",
    "internalQuery",
    "schema",
    "table",
    "column",
    "dataType",
    "constraint",
  ];
  return fields
    .map((field) => (error as Record<string, unknown>)[field])
    .filter((v) => typeof v === "string")
    .join(" ");
}

/** Canaries found in the texts, also hex-encoded or reversed (cheap disguises of a value). */
function findCanaries(
  seen: readonly { where: string; text: string }[],
  forbidden: ReadonlyMap<string, string>,
): string[] {
  const leaks: string[] = [];
  for (const { where, text } of seen) {
    const haystack = text.toLowerCase();
    for (const [value, why] of forbidden) {
      const forms = [value, [...value].reverse().join(""), Buffer.from(value).toString("hex")];
      if (forms.some((form) => haystack.includes(form)))
        leaks.push(`${value} (${why}) in ${where}`);
    }
  }
  return leaks;
}
