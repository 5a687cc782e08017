import type { AccessMode, ApprovalMode } from "@pgbeam/policies-types";
import { effectsOfKind } from "./statement-effects.js";

/** The settings that decide whether a statement waits for a human approval. */
export interface ApprovalSettings {
  access_mode: AccessMode;
  approval_mode: ApprovalMode;
}

/** What a statement does, as far as approvals care. */
export interface StatementChange {
  /** It writes rows (INSERT, UPDATE, DELETE, COPY FROM, a data-modifying CTE, …). */
  writes: boolean;
  /** It changes the schema. */
  ddl: boolean;
}

/** Statements of each class approvals tell apart: a plain read, a write, a schema change. */
const statementChanges: readonly StatementChange[] = [
  { writes: false, ddl: false },
  { writes: true, ddl: false },
  { writes: false, ddl: true },
];

/**
 * Whether a statement waits for a human approval. Never under `read_only`: approvals guard
 * changes, and PgBeam counts `approval_mode` (even `all`) and `approval_auto_max_rows` among the
 * settings a read-only profile ignores. Otherwise `all` holds every statement, `writes` those
 * that write rows and `ddl` those that change the schema.
 */
export function holdsForApproval(settings: ApprovalSettings, statement: StatementChange): boolean {
  if (settings.access_mode === "read_only") return false;
  switch (settings.approval_mode) {
    case "all":
      return true;
    case "writes":
      return statement.writes;
    case "ddl":
      return statement.ddl;
    default:
      return false;
  }
}

/** Whether the settings hold any statement at all (false when approvals are off or ignored). */
export function approvalsEverHold(settings: ApprovalSettings): boolean {
  return statementChanges.some((change) => holdsForApproval(settings, change));
}

/**
 * What a statement of this kind changes, when every statement of the kind changes the same
 * (insert, update and delete write rows; ddl changes the schema); undefined for the other kinds.
 */
export function statementChangeOfKind(kind: string): StatementChange | undefined {
  const effects = effectsOfKind(kind);
  if (effects.length === 0 || !effects.every((effect) => effect === effects[0])) return undefined;
  if (effects[0] === "write") return { writes: true, ddl: false };
  if (effects[0] === "ddl") return { writes: false, ddl: true };
  return undefined;
}
