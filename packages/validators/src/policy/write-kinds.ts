import type { KnownStatementKind } from "@pgbeam/policies-types";

/** What running a statement does: reads, changes session state, writes data, or changes the schema. */
export type StatementEffect = "read" | "session" | "write" | "ddl";

/** A statement kind the spec knows, or `other` for statements none of the ten describes (CALL, DO, LOCK…). */
export type StatementClass = KnownStatementKind | "other";

/** The kind a parser statement node runs as, and its effect when nothing else in it writes. */
export interface StatementKindEntry {
  kind: StatementClass;
  effect: StatementEffect;
}

/* @__NO_SIDE_EFFECTS__ */
function entry(kind: StatementClass, effect: StatementEffect): StatementKindEntry {
  return { kind, effect };
}

// Every statement node of PostgreSQL's parser that is not DDL. Anything else it produces is DDL:
// CREATE, ALTER, DROP, TRUNCATE, GRANT, COMMENT, VACUUM, REINDEX, REFRESH MATERIALIZED VIEW…
const nonDdl: Readonly<Record<string, StatementKindEntry>> = {
  SelectStmt: entry("select", "read"),
  FetchStmt: entry("select", "read"),
  ClosePortalStmt: entry("select", "read"),
  InsertStmt: entry("insert", "write"),
  UpdateStmt: entry("update", "write"),
  DeleteStmt: entry("delete", "write"),
  MergeStmt: entry("update", "write"),
  // COPY … TO reads; COPY … FROM writes (see `copyEffect`).
  CopyStmt: entry("copy", "read"),
  VariableSetStmt: entry("set", "session"),
  ConstraintsSetStmt: entry("set", "session"),
  DiscardStmt: entry("set", "session"),
  DeallocateStmt: entry("set", "session"),
  ListenStmt: entry("set", "session"),
  UnlistenStmt: entry("set", "session"),
  VariableShowStmt: entry("show", "read"),
  ExplainStmt: entry("explain", "read"),
  TransactionStmt: entry("transaction", "session"),
  // These run code or take locks the statement text does not show, so they count as writes.
  CallStmt: entry("other", "write"),
  DoStmt: entry("other", "write"),
  ExecuteStmt: entry("other", "write"),
  LockStmt: entry("other", "write"),
  NotifyStmt: entry("other", "write"),
  LoadStmt: entry("other", "write"),
  CheckPointStmt: entry("other", "write"),
};

const ddl = entry("ddl", "ddl");

/** The kind and effect of a parser statement node type (`SelectStmt`, `DropStmt`, …). */
export function kindOfNode(type: string): StatementKindEntry {
  return nonDdl[type] ?? ddl;
}

/** The effect of a COPY: FROM writes rows into the relation, TO only reads them. */
export function copyEffect(isFrom: boolean): StatementEffect {
  return isFrom ? "write" : "read";
}

/** True for effects that `read_only` refuses: writing rows or changing the schema. */
export function isWriteEffect(effect: StatementEffect): boolean {
  return effect === "write" || effect === "ddl";
}

/**
 * True when every statement of this kind writes, so `read_only` refuses it whatever
 * `statement_rules` say: insert, update, delete and ddl. `copy` is not among them (COPY … TO
 * only reads); nor are select (a data-modifying CTE is judged as its write) or the session kinds.
 */
export function kindAlwaysWrites(kind: string): boolean {
  const entries = Object.values(nonDdl).filter((e) => e.kind === kind);
  if (kind === "ddl") return true;
  return entries.length > 0 && entries.every((e) => isWriteEffect(e.effect));
}
