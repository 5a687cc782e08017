import { relationKey, rowFilterTextProblem } from "@pgbeam/policies-validators";
import {
  type AstObject,
  asNode,
  isObject,
  isRangeVar,
  list,
  nodeType,
  rangeVarName,
} from "./ast.js";
import { functionKnowledge, isBooleanOperator } from "./catalog/code-safety.js";
import { codeUsesOf } from "./code-uses.js";
import { parseSql } from "./parser.js";
import { walkTree } from "./walk.js";

/** A row filter ready to inject, or the reason its predicate cannot be used. */
export interface CompiledRowFilter {
  table: string;
  predicate: string;
  /** The predicate's expression tree, when it is a single boolean expression. */
  expression?: AstObject;
  /** Why the predicate was refused, when it was. */
  problem?: string;
  /** What the predicate reads besides the row: settings (`*`: any) and relation keys. */
  inputs?: { settings: string[]; relations: string[] };
}

/** What a policy's row filters read besides the row, which the agent must not change. */
export interface RowFilterInputs {
  settings: Set<string>;
  relations: Set<string>;
}

/** Row filters by relation key. */
export type RowFilterIndex = Map<string, CompiledRowFilter[]>;

const allowedSelectKeys = new Set(["targetList", "whereClause", "limitOption", "op"]);
const nonBooleanConstants = ["ival", "fval", "sval", "bsval", "isnull"];

/**
 * Parses a row-filter predicate as exactly one SQL expression. It is parsed inside
 * `SELECT 1 WHERE …`, and anything that escapes the WHERE clause (a second statement, UNION,
 * GROUP BY, ORDER BY, LIMIT, FOR UPDATE) or is plainly not boolean (a bare number or string)
 * is refused, so a predicate can only ever narrow the rows.
 */
export function compileRowFilter(table: string, predicate: string): CompiledRowFilter {
  // The text rule comes first and is the linter's too; then what only the parser can see.
  const textProblem = rowFilterTextProblem(predicate);
  if (textProblem !== undefined) return { table, predicate, problem: textProblem };
  const parsed = parseSql(`SELECT 1 WHERE ${predicate}`);
  if (!parsed.ok) return { table, predicate, problem: `it does not parse (${parsed.message})` };
  const [first, ...rest] = parsed.statements;
  const select = asNode(first, "SelectStmt");
  if (rest.length > 0 || select === undefined)
    return { table, predicate, problem: "it holds more than one statement" };
  const extra = Object.keys(select).filter((key) => !allowedSelectKeys.has(key));
  if (select.op !== "SETOP_NONE" || extra.length > 0) {
    return { table, predicate, problem: "it reaches past the WHERE clause" };
  }
  const expression = select.whereClause;
  if (!isObject(expression)) return { table, predicate, problem: "it is empty" };
  const constant = asNode(expression, "A_Const");
  if (constant !== undefined && nonBooleanConstants.some((key) => key in constant)) {
    return { table, predicate, problem: "it is a constant, not a boolean expression" };
  }
  if (!mayBeBoolean(expression))
    return { table, predicate, problem: "it is not a boolean expression" };
  if (mentionsStar(expression)) return { table, predicate, problem: "it uses *" };
  const inputs = predicateInputs(expression);
  if (typeof inputs === "string") return { table, predicate, problem: inputs };
  return { table, predicate, expression, inputs };
}

/**
 * The settings and relations a predicate reads, or why it cannot be used: it may call only
 * PostgreSQL's own functions the engine knows safe. `current_setting('x')` reads setting x; any
 * other stable function reads settings (TimeZone, DateStyle…), counted as every setting.
 */
function predicateInputs(
  expression: AstObject,
): { settings: string[]; relations: string[] } | string {
  const settings = new Set<string>();
  const relations = new Set<string>();
  let problem: string | undefined;
  walkTree(expression, (object, _place, type) => {
    if (isRangeVar(object)) relations.add(relationKey(rangeVarName(object)));
    if (type === undefined || problem !== undefined) return undefined;
    for (const use of codeUsesOf(type, object)) {
      if (use.what !== "function") continue;
      const known = functionKnowledge(use.schema, use.name);
      if (!known.safe) {
        problem = `it calls ${use.name}, which is not one of PostgreSQL's functions known safe`;
        return false;
      }
      if (use.name === "current_setting") {
        const name = constantString(list(object.args)[0]);
        settings.add(name === undefined ? "*" : name.toLowerCase());
      } else if (!known.immutable) settings.add("*");
    }
    return undefined;
  });
  return problem ?? { settings: [...settings], relations: [...relations] };
}

function constantString(value: unknown): string | undefined {
  const constant = asNode(value, "A_Const") ?? asNode(asNode(value, "TypeCast")?.arg, "A_Const");
  const sval = constant?.sval;
  return isObject(sval) && typeof sval.sval === "string" ? sval.sval : undefined;
}

// Expression nodes that can yield a boolean (a column, a call, a cast or a CASE may; a list cannot).
const possiblyBoolean = new Set([
  "BoolExpr",
  "NullTest",
  "BooleanTest",
  "SubLink",
  "ColumnRef",
  "FuncCall",
  "TypeCast",
  "CaseExpr",
  "CoalesceExpr",
  "ParamRef",
  "A_Const",
]);

/** False when the expression's top node cannot be a boolean (arithmetic, a list, a row…). */
function mayBeBoolean(expression: AstObject): boolean {
  const operation = asNode(expression, "A_Expr");
  if (operation === undefined) return possiblyBoolean.has(nodeType(expression) ?? "");
  if (operation.kind !== "AEXPR_OP") return operation.kind !== "AEXPR_NULLIF";
  const operator = list(operation.name)
    .map((part) => asNode(part, "String")?.sval)
    .at(-1);
  return typeof operator === "string" && isBooleanOperator(operator);
}

function mentionsStar(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsStar);
  if (!isObject(value)) return false;
  if (nodeType(value) === "ColumnRef") {
    return list(asNode(value, "ColumnRef")?.fields).some(
      (field) => asNode(field, "A_Star") !== undefined,
    );
  }
  return Object.values(value).some(mentionsStar);
}
