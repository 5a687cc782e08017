import { pgCastRows } from "./pg-cast.gen.js";
import { pgOperatorRows } from "./pg-operator.gen.js";
import { pgProcRows } from "./pg-proc.gen.js";
import { pgTypeNames } from "./pg-type.gen.js";

/** How PostgreSQL lets a function's result change: immutable, stable (per statement) or volatile. */
export type Volatility = "i" | "s" | "v";

/** One pg_catalog function overload, as PostgreSQL declares it. */
export interface BuiltinFunction {
  name: string;
  argTypes: readonly string[];
  returnType: string;
  volatility: Volatility;
  leakproof: boolean;
  strict: boolean;
  /** f: function, a: aggregate, w: window function, p: procedure. */
  kind: "f" | "a" | "w" | "p";
  returnsSet: boolean;
}

/** One pg_catalog operator and the function it runs. */
export interface BuiltinOperator {
  name: string;
  /** Empty for a prefix operator. */
  left: string;
  right: string;
  returnType: string;
  functionName: string;
  leakproof: boolean;
  volatility: Volatility;
}

/** One built-in cast. */
export interface BuiltinCast {
  source: string;
  target: string;
  /** Empty when the cast needs no function (binary-coercible or I/O). */
  functionName: string;
  /** e: explicit only, a: in assignment, i: implicit. */
  context: string;
  leakproof: boolean;
}

/** Every pg_catalog function, operator, cast and type, indexed by name. */
export interface BuiltinCatalog {
  /** A function's overloads by name (exact: pg_catalog names are lower-case), parsed on first ask. */
  functionOverloads(name: string): readonly BuiltinFunction[] | undefined;
  /** Every function name with the raw rows of its overloads (see `pgProcRows`). */
  functionRows: ReadonlyMap<string, readonly string[]>;
  /** Operators by name. */
  operators: ReadonlyMap<string, readonly BuiltinOperator[]>;
  /** Casts by `source>target`. */
  casts: ReadonlyMap<string, BuiltinCast>;
  types: ReadonlySet<string>;
}

let functionRows: Map<string, string[]> | undefined;
const parsedOverloads = new Map<string, BuiltinFunction[]>();
let operators: Map<string, BuiltinOperator[]> | undefined;
let casts: Map<string, BuiltinCast> | undefined;
let types: Set<string> | undefined;

// Each table is indexed on its first use, once per process: most statements need only functions.
const catalog: BuiltinCatalog = {
  // Rows are grouped by name only (a slice, no parse); a name's overloads are parsed when asked.
  get functionRows() {
    if (functionRows === undefined) {
      functionRows = new Map();
      for (const row of pgProcRows) {
        const name = row.slice(0, row.indexOf(" "));
        const group = functionRows.get(name);
        if (group === undefined) functionRows.set(name, [row]);
        else group.push(row);
      }
    }
    return functionRows;
  },
  functionOverloads(name) {
    let overloads = parsedOverloads.get(name);
    if (overloads === undefined) {
      const rows = catalog.functionRows.get(name);
      if (rows === undefined) return undefined;
      overloads = rows.map(parseFunction);
      parsedOverloads.set(name, overloads);
    }
    return overloads;
  },
  get operators() {
    operators ??= groupBy(pgOperatorRows.map(parseOperator));
    return operators;
  },
  get casts() {
    casts ??= new Map(
      pgCastRows.map(parseCast).map((cast) => [`${cast.source}>${cast.target}`, cast]),
    );
    return casts;
  },
  get types() {
    types ??= new Set(pgTypeNames);
    return types;
  },
};

/** The catalog; each of its tables is indexed on first use. */
export function builtinCatalog(): BuiltinCatalog {
  return catalog;
}

function groupBy<T extends { name: string }>(items: T[]): Map<string, T[]> {
  const byName = new Map<string, T[]>();
  for (const item of items) {
    const group = byName.get(item.name);
    if (group === undefined) byName.set(item.name, [item]);
    else group.push(item);
  }
  return byName;
}

function parseFunction(row: string): BuiltinFunction {
  const [name = "", args = "", returnType = "", volatility, leakproof, strict, kind, set] =
    row.split(" ");
  return {
    name,
    argTypes: args === "" ? [] : args.split(","),
    returnType,
    volatility: volatility as Volatility,
    leakproof: leakproof === "1",
    strict: strict === "1",
    kind: kind as BuiltinFunction["kind"],
    returnsSet: set === "1",
  };
}

function parseOperator(row: string): BuiltinOperator {
  const [
    name = "",
    left = "",
    right = "",
    returnType = "",
    functionName = "",
    leakproof,
    volatility,
  ] = row.split(" ");
  return {
    name,
    left,
    right,
    returnType,
    functionName,
    leakproof: leakproof === "1",
    volatility: volatility as Volatility,
  };
}

function parseCast(row: string): BuiltinCast {
  const [source = "", target = "", functionName = "", context = "", , , leakproof] = row.split(" ");
  return { source, target, functionName, context, leakproof: leakproof === "1" };
}
