import type { KnownStatementKind } from "@pgbeam/policies-types";

/** A statement kind the spec knows, or `other` for statements none of the ten describes (CALL, DO, LOCK…). */
export type StatementClass = KnownStatementKind | "other";

/** What running a statement does: reads, changes session state, writes data, or changes the schema. */
export type StatementEffect = "read" | "session" | "write" | "ddl";

interface KindEntry {
  kind: StatementClass;
  effect: StatementEffect;
}

const entry = (kind: StatementClass, effect: StatementEffect): KindEntry => ({ kind, effect });

// Every statement node that is not DDL. Anything else the parser produces is DDL: CREATE,
// ALTER, DROP, TRUNCATE, GRANT, COMMENT, VACUUM, REINDEX, REFRESH MATERIALIZED VIEW and so on.
const nonDdl: Readonly<Record<string, KindEntry>> = {
  SelectStmt: entry("select", "read"),
  FetchStmt: entry("select", "read"),
  ClosePortalStmt: entry("select", "read"),
  InsertStmt: entry("insert", "write"),
  UpdateStmt: entry("update", "write"),
  DeleteStmt: entry("delete", "write"),
  MergeStmt: entry("update", "write"),
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

/** The kind and effect of a statement node type (`SelectStmt`, `DropStmt`, …). */
export function kindOfNode(type: string): KindEntry {
  return nonDdl[type] ?? ddl;
}

/** The kinds a MERGE can act as, from its WHEN clauses' command types. */
export function mergeActionKind(commandType: unknown): KnownStatementKind {
  if (commandType === "CMD_INSERT") return "insert";
  if (commandType === "CMD_DELETE") return "delete";
  return "update";
}
