import { type AstObject, isObject, names, str } from "./ast.js";

/** A function, operator or type a statement names: the code it makes PostgreSQL run. */
export interface CodeUse {
  what: "function" | "operator" | "type";
  /** The schema it is qualified with, if any. */
  schema: string | undefined;
  name: string;
  /** For a function: every argument is a constant (a literal, or a literal with a cast). */
  constantArgs?: boolean;
}

// A_Expr kinds whose `name` is a real operator the server resolves by name and argument types.
// BETWEEN's names are keywords (it runs >= and <=, judged as those).
const operatorKinds = new Set([
  "AEXPR_OP",
  "AEXPR_OP_ANY",
  "AEXPR_OP_ALL",
  "AEXPR_DISTINCT",
  "AEXPR_NOT_DISTINCT",
  "AEXPR_NULLIF",
  "AEXPR_IN",
  "AEXPR_LIKE",
  "AEXPR_ILIKE",
  "AEXPR_SIMILAR",
]);
const betweenOperators = [">=", "<="];

/** The code one parse node makes PostgreSQL run, if it names any (calls, operators, casts). */
export function codeUsesOf(type: string | undefined, node: AstObject): CodeUse[] {
  switch (type) {
    case "FuncCall": {
      const args = Array.isArray(node.args) ? node.args : [];
      return [
        { ...qualified("function", names(node.funcname)), constantArgs: args.every(isConstant) },
      ];
    }
    case "A_Expr": {
      const kind = str(node.kind) ?? "";
      if (kind.startsWith("AEXPR_BETWEEN") || kind.startsWith("AEXPR_NOT_BETWEEN"))
        return betweenOperators.map((name) => ({ what: "operator", schema: undefined, name }));
      return operatorKinds.has(kind) ? [qualified("operator", names(node.name))] : [];
    }
    case "TypeCast":
      return isObject(node.typeName) ? [qualified("type", names(node.typeName.names))] : [];
    default:
      return [];
  }
}

function qualified(what: CodeUse["what"], parts: readonly string[]): CodeUse {
  const name = parts.at(-1) ?? "";
  // `db.schema.name`: any qualification but a lone pg_catalog is outside the catalog.
  const schema = parts.length === 1 ? undefined : parts.slice(0, -1).join(".");
  return { what, schema, name };
}

function isConstant(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isObject(value.A_Const)) return true;
  const cast = value.TypeCast;
  return isObject(cast) && isObject(cast.arg) && isObject(cast.arg.A_Const);
}
