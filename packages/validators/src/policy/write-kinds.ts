import type { StatementClass, StatementEffect } from "./statement-effects.js";

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
