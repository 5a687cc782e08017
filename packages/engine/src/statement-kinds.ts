import type { KnownStatementKind } from "@pgbeam/policies-types";

// Statement kinds and their effects have one home, shared with the linter.
export {
  kindOfNode,
  type StatementClass,
  type StatementEffect,
} from "@pgbeam/policies-validators";

/** The kinds a MERGE can act as, from its WHEN clauses' command types. */
export function mergeActionKind(commandType: unknown): KnownStatementKind {
  if (commandType === "CMD_INSERT") return "insert";
  if (commandType === "CMD_DELETE") return "delete";
  return "update";
}
