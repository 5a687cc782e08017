import { type AstObject, asNode, isObject, list, names, nodeType, stringValue } from "./ast.js";

const fixedNames: Readonly<Record<string, string>> = {
  CaseExpr: "case",
  A_ArrayExpr: "array",
  RowExpr: "row",
  CoalesceExpr: "coalesce",
  NullIfExpr: "nullif",
  GroupingFunc: "grouping",
};

/**
 * The name PostgreSQL gives an unnamed output column (`FigureColname`): a column's own name,
 * a function's name, `case`, `coalesce`… and `?column?` for anything else.
 * `subqueryName` names an EXPR subquery by its first output column.
 */
export function outputColumnName(expression: unknown, subqueryName?: string): string {
  const type = nodeType(expression);
  if (type === undefined) return "?column?";
  const node = (expression as AstObject)[type] as AstObject;
  switch (type) {
    case "ColumnRef": {
      const last = list(node.fields).at(-1);
      return stringValue(last) ?? "?column?";
    }
    case "FuncCall":
      return names(node.funcname).at(-1) ?? "?column?";
    case "TypeCast": {
      const inner = outputColumnName(node.arg);
      if (inner !== "?column?") return inner;
      return isObject(node.typeName) ? (names(node.typeName.names).at(-1) ?? inner) : inner;
    }
    case "A_Indirection": {
      const field = list(node.indirection).map(stringValue).filter(Boolean).at(-1);
      return field ?? outputColumnName(node.arg);
    }
    case "MinMaxExpr":
      return node.op === "IS_LEAST" ? "least" : "greatest";
    case "SubLink":
      if (node.subLinkType === "EXISTS_SUBLINK") return "exists";
      if (node.subLinkType === "ARRAY_SUBLINK") return "array";
      return node.subLinkType === "EXPR_SUBLINK" ? (subqueryName ?? "?column?") : "?column?";
    default:
      return fixedNames[type] ?? "?column?";
  }
}

/** The ResTarget body of a target-list entry. */
export function resTarget(entry: unknown): AstObject | undefined {
  return asNode(entry, "ResTarget");
}
