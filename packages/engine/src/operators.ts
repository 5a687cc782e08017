import { isBooleanOperator, operatorKnowledge } from "./catalog/code-safety.js";

/** A_Expr kinds that compare their operands without computing on them (IN, LIKE, BETWEEN…). */
const comparingKinds = new Set([
  "AEXPR_OP_ANY",
  "AEXPR_OP_ALL",
  "AEXPR_DISTINCT",
  "AEXPR_NOT_DISTINCT",
  "AEXPR_IN",
  "AEXPR_LIKE",
  "AEXPR_ILIKE",
  "AEXPR_SIMILAR",
  "AEXPR_BETWEEN",
  "AEXPR_NOT_BETWEEN",
  "AEXPR_BETWEEN_SYM",
  "AEXPR_NOT_BETWEEN_SYM",
]);

/** True for an A_Expr body that compares its operands (`=`, `<`, IN, LIKE, BETWEEN…). */
export function isComparison(expression: { kind?: unknown; name?: unknown }): boolean {
  const kind = typeof expression.kind === "string" ? expression.kind : "";
  if (kind !== "AEXPR_OP" && kind !== "AEXPR_OP_ANY" && kind !== "AEXPR_OP_ALL")
    return comparingKinds.has(kind);
  // OPERATOR(schema.=) outside pg_catalog is a user's function, not the built-in comparison.
  const parts = (Array.isArray(expression.name) ? expression.name : []).map(
    (part) => (part as { String?: { sval?: unknown } }).String?.sval,
  );
  const operator = parts.at(-1);
  const schema = parts.length >= 2 ? parts.at(-2) : "pg_catalog";
  return schema === "pg_catalog" && typeof operator === "string" && isBooleanOperator(operator);
}

const betweenKinds = new Set([
  "AEXPR_BETWEEN",
  "AEXPR_NOT_BETWEEN",
  "AEXPR_BETWEEN_SYM",
  "AEXPR_NOT_BETWEEN_SYM",
]);

/**
 * A comparison whose operator PostgreSQL marks leakproof (pg_catalog's, over text and integers):
 * no error or side effect depends on the values compared. PostgreSQL's own rule for what may see
 * rows a security barrier has not yet passed; the engine's rule for what may see a masked value.
 */
export function isLeakproofComparison(expression: { kind?: unknown; name?: unknown }): boolean {
  if (!isComparison(expression)) return false;
  const kind = typeof expression.kind === "string" ? expression.kind : "";
  const operators = betweenKinds.has(kind) ? [">=", "<="] : [operatorName(expression.name)];
  return operators.every(
    (name) => name !== undefined && operatorKnowledge(undefined, name).leakproof,
  );
}

function operatorName(name: unknown): string | undefined {
  const last = (Array.isArray(name) ? name : []).at(-1) as
    | { String?: { sval?: unknown } }
    | undefined;
  return typeof last?.String?.sval === "string" ? last.String.sval : undefined;
}
