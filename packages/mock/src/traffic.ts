import type { PolicyEngine } from "@pgbeam/policies-engine";
import { MockSetupError } from "./setup-error.js";
import type { RecordedAuditEntry, StoredAuditEntry } from "./store.js";
import { newId } from "./store.js";

/**
 * The stored form of a recorded audit entry: the defaults filled in (`id`, `project_id`, `event`,
 * `ts`), every other field kept as given. Throws a MockSetupError naming where it was.
 */
export function storedAuditEntry(
  given: unknown,
  projectId: string,
  index: number,
  now: Date,
): StoredAuditEntry {
  const refuse: (reason: string) => never = (reason) => {
    throw new MockSetupError("traffic", projectId, index, reason);
  };
  if (given === null || typeof given !== "object" || Array.isArray(given))
    refuse(`the entry must be an audit log entry object (got ${describe(given)}).`);
  const entry = given as RecordedAuditEntry;
  if (typeof entry.sql !== "string") refuse(`sql must be a string (got ${describe(entry.sql)}).`);
  for (const field of ["event", "decision_rule", "id"] as const) {
    if (entry[field] !== undefined && typeof entry[field] !== "string")
      refuse(`${field} must be a string (got ${describe(entry[field])}).`);
  }
  if (
    entry.credential_id !== undefined &&
    entry.credential_id !== null &&
    typeof entry.credential_id !== "string"
  )
    refuse(`credential_id must be a string or null (got ${describe(entry.credential_id)}).`);
  if (entry.project_id !== undefined && entry.project_id !== projectId)
    refuse(
      `project_id is ${describe(entry.project_id)}, but the entry is recorded in project ${projectId}.`,
    );
  if (
    entry.rows_returned !== undefined &&
    !(Number.isSafeInteger(entry.rows_returned) && entry.rows_returned >= 0)
  )
    refuse(
      `rows_returned must be a whole number of 0 or more (got ${describe(entry.rows_returned)}).`,
    );
  const at = entry.ts === undefined ? now : new Date(entry.ts);
  if (
    (typeof entry.ts !== "string" && !(entry.ts instanceof Date) && entry.ts !== undefined) ||
    Number.isNaN(at.getTime())
  )
    refuse(`ts must be an RFC 3339 date-time (got ${describe(entry.ts)}).`);
  return {
    entry: {
      ...entry,
      id: entry.id ?? newId("aud_", 12),
      project_id: projectId,
      event: entry.event ?? "query",
      ts: at.toISOString(),
    },
    atMs: at.getTime(),
  };
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : String(value);
}

/**
 * Recorded traffic as a JSON Lines audit-log export, oldest first (in recording order on a tie),
 * one entry per line as the service lists it: fields the entry lacks that the service fills in
 * (`query_hash` and `normalized_sql` from the parser's fingerprint, `statement_kind`) are added
 * when its SQL parses; nothing given is changed.
 */
export function trafficAsJsonLines(
  engine: PolicyEngine,
  traffic: readonly StoredAuditEntry[],
): string {
  const ordered = traffic
    .map((stored, index) => ({ stored, index }))
    .sort((a, b) => a.stored.atMs - b.stored.atMs || a.index - b.index);
  let text = "";
  for (const { stored } of ordered) text += `${JSON.stringify(asExported(engine, stored.entry))}\n`;
  return text;
}

function asExported(
  engine: PolicyEngine,
  entry: StoredAuditEntry["entry"],
): StoredAuditEntry["entry"] {
  if (entry.sql === "") return entry;
  let derived: Record<string, string> = {};
  try {
    const { hash, normalized } = engine.fingerprint(entry.sql);
    const kind = engine.classifyStatement(entry.sql)[0]?.kind;
    derived = {
      query_hash: hash,
      normalized_sql: normalized,
      ...(kind === undefined ? {} : { statement_kind: kind }),
    };
  } catch {
    return entry;
  }
  return { ...derived, ...entry };
}
