import { type AstObject, asNode, isObject, list, nodeType } from "./ast.js";
import { isLeakproofComparison } from "./operators.js";

/**
 * True when a condition only compares columns with constants or each other (AND, OR, NOT,
 * IS NULL, IN lists, LIKE…): it cannot fail or act on a row, so the order in which PostgreSQL
 * evaluates it against a row filter's predicate does not matter. A function call, a cast of a
 * column, arithmetic or a subquery can, and PostgreSQL orders conditions by cost, so such a
 * condition may run on rows the filter hides.
 */
export function isPlainCondition(expression: unknown): boolean {
  if (expression === undefined) return true;
  if (Array.isArray(expression)) return expression.every(isPlainCondition);
  if (!isObject(expression)) return true;
  const type = nodeType(expression);
  const node = type === undefined ? expression : (expression[type] as AstObject);
  switch (type) {
    case "ColumnRef":
    case "A_Const":
    case "ParamRef":
      return true;
    case "TypeCast":
      return asNode(node.arg, "A_Const") !== undefined;
    case "List":
      return list(node.items).every(isPlainCondition);
    case "BoolExpr":
      return list(node.args).every(isPlainCondition);
    case "NullTest":
    case "BooleanTest":
      return isPlainCondition(node.arg);
    case "A_Expr":
      return (
        isLeakproofComparison(node) && isPlainCondition(node.lexpr) && isPlainCondition(node.rexpr)
      );
    default:
      return false;
  }
}
