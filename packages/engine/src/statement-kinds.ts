import type { KnownStatementKind } from "@pgbeam/policies-types";

export {
  copyEffect,
  kindOfNode,
  type StatementClass,
  type StatementEffect,
} from "./node-rules.js";

/** The kinds a MERGE can act as, from its WHEN clauses' command types. */
export function mergeActionKind(commandType: unknown): KnownStatementKind {
  if (commandType === "CMD_INSERT") return "insert";
  if (commandType === "CMD_DELETE") return "delete";
  return "update";
}
