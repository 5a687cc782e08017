import { relationKey } from "@pgbeam/policies-validators/policy";
import { type AstObject, asNode, isObject, list, rangeVarName, str } from "./ast.js";
import type { Refusal } from "./decision.js";
import type { StatementFacts } from "./facts.js";
import type { PolicyIndex } from "./policy.js";

// ALTER TABLE commands reviewed as evaluating nothing over the stored rows and storing no
// expression: they drop, rename storage or ownership, or set options. Any other command on a
// protected relation (a check, a key, a type change, a default or generated value, an index,
// an identity, a trigger or rule switched on, and any command PostgreSQL adds later) is refused.
const reviewedNonEvaluatingCommands: ReadonlySet<string> = new Set([
  "AT_DropColumn",
  "AT_DropConstraint",
  "AT_DropNotNull",
  "AT_DropExpression",
  "AT_DropIdentity",
  "AT_SetStatistics",
  "AT_SetStorage",
  "AT_SetCompression",
  "AT_SetOptions",
  "AT_ResetOptions",
  "AT_SetRelOptions",
  "AT_ResetRelOptions",
  "AT_ChangeOwner",
  "AT_ClusterOn",
  "AT_DropCluster",
]);

/**
 * DDL that stores an expression or builds over stored rows, on a relation whose values the policy
 * hides (masked columns) or whose rows it hides (a row filter): an index (its expressions, its
 * predicate, and a unique build's duplicate-key error), extended statistics, and ALTER TABLE
 * commands that check, convert or compute over every row. Such a statement runs the expression on
 * every row, forever, and its result or error shows what the policy keeps in, so it is refused
 * whatever the expression's spelling (`email::int`, `(users).email`, a function of the row).
 */
export function storedExpressionRefusal(
  facts: StatementFacts,
  policy: PolicyIndex,
): Refusal | undefined {
  const { type, node } = facts.body;
  const relation = storedOn(type, node);
  if (relation === undefined) return undefined;
  const key = relationKey(relation);
  const hides = policy.masks.has(key)
    ? "masked columns"
    : policy.rowFilters.has(key)
      ? "a row filter"
      : undefined;
  if (hides === undefined) return undefined;
  return {
    rule: "stored_expression",
    reason: `The statement makes the server evaluate a stored definition over every row of ${relation}, which has ${hides}; its values or errors would show what the policy hides.`,
    hint: "Change indexes, statistics and constraints of protected tables through a reviewed migration.",
  };
}

/** The relation a storing statement evaluates over, if it is one. */
function storedOn(type: string, node: AstObject): string | undefined {
  if (type === "IndexStmt" && isObject(node.relation)) return rangeVarName(node.relation);
  if (type === "CreateStatsStmt") {
    const from = asNode(list(node.relations)[0], "RangeVar");
    return from === undefined ? undefined : rangeVarName(from);
  }
  if (type === "AlterTableStmt" && isObject(node.relation)) {
    const evaluates = list(node.cmds).some(
      (cmd) => !reviewedNonEvaluatingCommands.has(str(asNode(cmd, "AlterTableCmd")?.subtype) ?? ""),
    );
    return evaluates ? rangeVarName(node.relation) : undefined;
  }
  return undefined;
}
