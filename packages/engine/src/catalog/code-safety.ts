import { builtinCatalog } from "./builtin-catalog.js";
import {
  reviewedStableFunctions,
  reviewedVolatileFunctions,
  sessionFunctions,
  stableWriters,
} from "./reviewed-code.js";

/** What the engine knows about a function, operator or type name as a statement spells it. */
export interface CodeKnowledge {
  /** Resolves only to pg_catalog (unqualified or `pg_catalog.`-qualified, and pg_catalog has it). */
  builtin: boolean;
  /** Running it changes no data, schema or server state (every overload it may resolve to). */
  readOnly: boolean;
  /** Safe where a policy keeps something in: it reads nothing but its arguments and session facts. */
  safe: boolean;
  /** Every overload is immutable: it reads nothing but its arguments. */
  immutable: boolean;
  /** Some overload is volatile: its value may change from row to row. */
  volatile: boolean;
  /** Every overload is marked leakproof: no error or side effect depends on its arguments' values. */
  leakproof: boolean;
}

const unknown: CodeKnowledge = Object.freeze({
  builtin: false,
  readOnly: false,
  immutable: false,
  volatile: true,
  safe: false,
  leakproof: false,
});

const functionCache = new Map<string, CodeKnowledge>();
const operatorCache = new Map<string, CodeKnowledge>();

/** True when a name qualified by `schema` can only mean a pg_catalog object. */
function inCatalogSchema(schema: string | undefined): boolean {
  return schema === undefined || schema === "pg_catalog";
}

/**
 * What a function call may run. The call's argument types are not known offline, so a name is
 * judged by every pg_catalog overload it could resolve to: the least safe one decides.
 */
export function functionKnowledge(schema: string | undefined, name: string): CodeKnowledge {
  if (!inCatalogSchema(schema)) return unknown;
  let known = functionCache.get(name);
  if (known === undefined) {
    known = judgeFunction(name);
    functionCache.set(name, known);
  }
  return known;
}

function judgeFunction(name: string): CodeKnowledge {
  const overloads = builtinCatalog().functionOverloads(name);
  if (overloads === undefined || overloads.some((f) => f.kind === "p")) return unknown;
  const immutable = overloads.every((f) => f.volatility === "i");
  const stable = overloads.every((f) => f.volatility !== "v");
  const reviewedVolatile = reviewedVolatileFunctions.has(name);
  return {
    builtin: true,
    immutable,
    volatile: !stable,
    readOnly:
      (stable && !stableWriters.has(name)) || reviewedVolatile || sessionFunctions.has(name),
    safe: immutable || (stable && reviewedStableFunctions.has(name)) || reviewedVolatile,
    leakproof: overloads.every((f) => f.leakproof),
  };
}

/** What an operator may run, judged by every pg_catalog operator of that name. */
export function operatorKnowledge(schema: string | undefined, name: string): CodeKnowledge {
  if (!inCatalogSchema(schema)) return unknown;
  let known = operatorCache.get(name);
  if (known === undefined) {
    known = judgeOperator(name);
    operatorCache.set(name, known);
  }
  return known;
}

// The types a masked value is compared as: PgBeam masks text and numbers. An operator is leakproof
// for masked values when PostgreSQL marks its implementation over each of these leakproof.
const maskedValueTypes = new Set(["text", "varchar", "bpchar", "int2", "int4", "int8"]);

function judgeOperator(name: string): CodeKnowledge {
  const operators = builtinCatalog().operators.get(name);
  if (operators === undefined) return unknown;
  const readOnly = operators.every((o) => o.volatility !== "v");
  const sameTyped = operators.filter((o) => o.left === o.right && maskedValueTypes.has(o.left));
  return {
    builtin: true,
    readOnly,
    volatile: !readOnly,
    immutable: operators.every((o) => o.volatility === "i"),
    // No built-in operator reads a relation: the stable ones compare dates under TimeZone or
    // concatenate through output functions.
    safe: readOnly,
    leakproof: sameTyped.length > 0 && sameTyped.every((o) => o.leakproof),
  };
}

/** True when a type name (as the parser gives it) can only mean a pg_catalog type. */
export function isBuiltinType(schema: string | undefined, name: string): boolean {
  return inCatalogSchema(schema) && builtinCatalog().types.has(name);
}

// Argument types a whole row (a record) is accepted as.
const rowAcceptingTypes = new Set([
  "record",
  "any",
  "anyelement",
  "anynonarray",
  "anycompatible",
  "anycompatiblenonarray",
]);
let wholeRowNames: ReadonlySet<string> | undefined;

/**
 * True when `alias.name` may mean `name(alias)` (attribute notation): a pg_catalog function with
 * a one-argument overload that accepts a row, or a type name (a function-style cast of the row).
 */
export function acceptsWholeRow(name: string): boolean {
  const catalog = builtinCatalog();
  if (wholeRowNames === undefined) {
    const names = new Set<string>();
    for (const [fn, rows] of catalog.functionRows) {
      // `name argument-types …`: one argument, of a type a row is accepted as.
      if (rows.some((row) => rowAcceptingTypes.has(row.split(" ", 2)[1] ?? ""))) names.add(fn);
    }
    wholeRowNames = names;
  }
  return wholeRowNames.has(name) || catalog.types.has(name);
}

let booleanOperators: ReadonlySet<string> | undefined;

/** True when some pg_catalog operator of this name yields a boolean (a comparison or a test). */
export function isBooleanOperator(name: string): boolean {
  booleanOperators ??= new Set(
    [...builtinCatalog().operators.values()]
      .flat()
      .filter((o) => o.returnType === "bool")
      .map((o) => o.name),
  );
  return booleanOperators.has(name);
}
