// The fuzzer's view of libpg-query's JSON syntax tree: every place that holds a node, found
// generically (no field is named), plus parsing and deparsing of statements and expressions.
// It calls libpg-query itself rather than the engine's internals, which it is there to test.
import { loadModule, parseSync } from "libpg-query";
import { deparseSync } from "pgsql-deparser";

/** Any JSON object of the syntax tree. */
export type AstObject = { [key: string]: unknown };

function isObject(value: unknown): value is AstObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The type of a wrapped node (`{ SelectStmt: {...} }` → "SelectStmt"), if it is one. */
function nodeType(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  const [only] = keys;
  return keys.length === 1 && only !== undefined && /^[A-Z]/.test(only) && isObject(value[only])
    ? only
    : undefined;
}

/** Loads the parser's WebAssembly (once); every function below needs it. */
export function loadSyntaxTree(): Promise<void> {
  return loadModule();
}

/** One place in the tree: `holder[key]` is `node`, a wrapped node of type `type`. */
export interface Slot {
  holder: AstObject | unknown[];
  key: string | number;
  node: AstObject;
  type: string;
}

/** Every wrapped node under `root` (root excluded), in document order. */
export function slotsOf(root: unknown): Slot[] {
  const slots: Slot[] = [];
  const visit = (holder: AstObject | unknown[], key: string | number, value: unknown) => {
    const type = nodeType(value);
    if (type !== undefined) slots.push({ holder, key, node: value as AstObject, type });
    walkChildren(value, visit);
  };
  walkChildren(root, visit);
  return slots;
}

function walkChildren(
  value: unknown,
  visit: (holder: AstObject | unknown[], key: string | number, child: unknown) => void,
) {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) visit(value, index, value[index]);
  } else if (isObject(value)) for (const key of Object.keys(value)) visit(value, key, value[key]);
}

/** Puts `node` in the slot's place. */
export function replaceAt(slot: Slot, node: unknown) {
  (slot.holder as Record<string | number, unknown>)[slot.key] = node;
}

/** The statements of SQL, or undefined when PostgreSQL's parser refuses it. */
export function parseStatements(sql: string): AstObject[] | undefined {
  try {
    const statements = (parseSync(sql) as { stmts?: { stmt?: AstObject }[] }).stmts ?? [];
    const parsed = statements.map((entry) => entry.stmt).filter((s) => s !== undefined);
    return parsed.length > 0 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The expression node of `SELECT <text>`, or undefined. */
export function parseExpression(text: string): AstObject | undefined {
  const statement = parseStatements(`SELECT ${text}`)?.[0];
  const select = statement?.SelectStmt as AstObject | undefined;
  const target = (select?.targetList as AstObject[] | undefined)?.[0]?.ResTarget as
    | AstObject
    | undefined;
  return isObject(target?.val) ? (target.val as AstObject) : undefined;
}

/** SQL text of statements; undefined when the deparser cannot print the (mutated) tree. */
export function deparseStatements(statements: readonly AstObject[]): string | undefined {
  try {
    return statements.map((statement) => deparseSync(statement, { pretty: false })).join(";\n");
  } catch {
    return undefined;
  }
}

/** SQL text of one expression node, or undefined. */
export function deparseExpression(node: AstObject): string | undefined {
  try {
    return deparseSync(node, { pretty: false });
  } catch {
    return undefined;
  }
}

/** The number of wrapped nodes under `root`: the size the minimizer shrinks. */
export function sizeOf(root: unknown): number {
  return slotsOf(root).length;
}
