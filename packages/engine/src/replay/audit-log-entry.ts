/**
 * One entry of a PgBeam audit-log export, as a replay reads it: the service's `AuditLogEntry`
 * (documented with the Agents API, outside this SDK's spec). Required there: `id`, `project_id`,
 * `event`, `ts`; a replay needs `event`, `ts` and `sql` or `normalized_sql`. Fields it does not
 * read are ignored.
 */
export interface AuditLogEntry {
  /** The entry's id (`aud_…`). */
  id?: string;
  /** The project (`prj_…`). */
  project_id?: string;
  /** The agent credential that sent the statement, if any. */
  credential_id?: string | null;
  /** What the proxy did: `query`, `masked`, `truncated`, `blocked`, … */
  event: string;
  /** When it happened (RFC 3339). */
  ts: string;
  /** The statement's text as recorded (may be truncated). */
  sql?: string;
  /** The statement with its constants replaced by `$1`, `$2`, … */
  normalized_sql?: string;
  /** The service's hash of the normalized statement: entries are grouped by it. */
  query_hash?: string;
  /** The statement's kind, e.g. `select`. */
  statement_kind?: string;
  /** The rule that decided it, e.g. `table_denied`. */
  decision_rule?: string;
  /** Rows the statement returned. */
  rows_returned?: number;
  [field: string]: unknown;
}
