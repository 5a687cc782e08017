// AST mutations of parsed statements. Each takes a statement list (already a private copy) and
// changes it in place, or answers false when it found nothing to change. They know the parser's
// node types, not any attack: names are swapped for others of the catalog, subtrees for others
// of the same node type, and expressions are put into every expression slot, wrapped in EXPLAIN,
// CTEs, subqueries and LATERAL, stored by DDL, or handed to settings.

import type { Random } from "./random.js";
import type { AstObject } from "./syntax-tree.js";
import {
  deparseExpression,
  deparseStatements,
  parseExpression,
  parseStatements,
  replaceAt,
  type Slot,
  slotsOf,
} from "./syntax-tree.js";
import type { Vocabulary } from "./vocabulary.js";

/** Node types that stand where a value expression may stand. */
export const expressionTypes = new Set([
  "A_Const",
  "ColumnRef",
  "ParamRef",
  "A_Expr",
  "FuncCall",
  "TypeCast",
  "CollateClause",
  "BoolExpr",
  "NullTest",
  "BooleanTest",
  "SubLink",
  "CaseExpr",
  "CoalesceExpr",
  "MinMaxExpr",
  "NullIfExpr",
  "RowExpr",
  "A_ArrayExpr",
  "A_Indirection",
  "SQLValueFunction",
  "XmlExpr",
  "XmlSerialize",
  "GroupingFunc",
  "JsonObjectConstructor",
  "JsonArrayConstructor",
  "JsonParseExpr",
  "JsonScalarExpr",
  "JsonSerializeExpr",
  "JsonIsPredicate",
  "JsonFuncExpr",
]);

/** What every mutation gets: randomness, names and pools of donor nodes. */
export interface MutationContext {
  random: Random;
  vocabulary: Vocabulary;
  /** Subtrees of every seed by node type (donors for same-type replacement). */
  donors: Map<string, AstObject[]>;
  /** Statements of every seed (donors for batches and wrappers). */
  statements: AstObject[];
}

/** One mutation: its name (counted in the report) and what it does. */
export interface Mutation {
  name: string;
  apply(statements: AstObject[], context: MutationContext): boolean;
}

const copy = <T>(value: T): T => structuredClone(value);

/** A seeded table and its columns. */
type Table = { name: string; columns: string[] };

/** One of the seeded tables the statements name (expressions over it are more likely to run). */
export function scopeOf(statements: AstObject[], context: MutationContext): Table | undefined {
  const named: AstObject[] = [];
  collectRangeVars(statements, named);
  const tables = named
    .map((range) =>
      context.vocabulary.tables.find(
        (table) =>
          table.name ===
          (range.schemaname === undefined || range.schemaname === "public"
            ? String(range.relname)
            : `${String(range.schemaname)}.${String(range.relname)}`),
      ),
    )
    .filter((table): table is Table => table !== undefined);
  return tables.length === 0 ? undefined : context.random.pick(tables);
}

function expressionSlots(statements: AstObject[]): Slot[] {
  return slotsOf(statements).filter((slot) => expressionTypes.has(slot.type));
}

/** A generated expression, as text, over the seeded tables and the catalog. */
export function expressionText(context: MutationContext, scope?: Table, depth = 0): string {
  const { random, vocabulary } = context;
  const table = scope !== undefined && random.chance(0.7) ? scope : random.pick(vocabulary.tables);
  const column = random.pick(table.columns);
  const setting = () => random.pick(vocabulary.settings).name;
  const short = table.name.split(".").at(-1) ?? table.name;
  // Bare references only to a table the statement names; any table through a subquery.
  const inScope = table === scope;
  const references = inScope
    ? [
        () => column,
        () => column,
        () => `${short}.${column}`,
        () => `(${short})`,
        () => `(${short}).${column}`,
      ]
    : [];
  const leaf = () =>
    random.pick([
      ...references,
      () => `(SELECT ${column} FROM ${table.name} LIMIT 1)`,
      () => `(SELECT string_agg(${column}::text, ',') FROM ${table.name})`,
      () => String(random.int(4)),
      () =>
        `'${random.pick(["x", "1", setting(), table.name, `SELECT ${column} FROM ${table.name}`])}'`,
      () => "NULL",
      () => `current_setting('${setting()}', true)`,
    ])();
  if (depth >= 2 || random.chance(0.35)) return leaf();
  const inner = () => expressionText(context, scope, depth + 1);
  return random.pick([
    () => typedCall(context, table, column, inner),
    () => typedCall(context, table, column, inner),
    () => {
      const arity = random.int(4);
      const name = random.pick(vocabulary.functionsByArity[arity] ?? ["coalesce"]);
      return `${name}(${Array.from({ length: arity }, inner).join(", ")})`;
    },
    () => `(${inner()})::${random.pick(vocabulary.types)}`,
    () =>
      `(${inner()})::text::${random.pick(["int", "numeric", "regclass", "json", "xml", "bool"])}`,
    () => `(${inner()}) ${random.pick(vocabulary.operators)} (${inner()})`,
    () => `CASE WHEN ${inner()} THEN ${inner()} ELSE ${inner()} END`,
    () => `(ARRAY[${inner()}])[${inner()}]`,
    () => `EXISTS (SELECT 1 FROM ${table.name} WHERE ${inner()})`,
    () => `(${inner()}) IS NULL`,
  ])();
}

/**
 * A call of a catalog function with an argument of its declared type in each place: a relation
 * name where it takes a regclass, SQL or a name where it takes text, a row where it takes any.
 */
function typedCall(
  context: MutationContext,
  table: { name: string; columns: string[] },
  column: string,
  inner: () => string,
): string {
  const { random, vocabulary } = context;
  const { name, args } = random.pick(vocabulary.signatures);
  const short = table.name.split(".").at(-1) ?? table.name;
  const argument = (type: string): string => {
    if (/^(regclass|oid|regproc|regprocedure|regtype|regnamespace)$/.test(type))
      return random.pick([`'${table.name}'`, `'${table.name}'::regclass`, inner()]);
    if (/^(text|character varying|name|"char"|character)$/.test(type))
      return random.pick([
        `'SELECT ${column} FROM ${table.name}'`,
        `'${table.name}'`,
        `'${column}'`,
        `${column}::text`,
        inner(),
      ]);
    if (type === "boolean") return random.pick(["true", "false", inner()]);
    if (/^(integer|bigint|smallint|numeric|double precision|real)$/.test(type))
      return random.pick(["0", "1", "2", inner()]);
    if (/^(record|anyelement|"any"|anynonarray|anycompatible)$/.test(type))
      return random.pick([`(${short})`, column, inner()]);
    if (/^(anyarray|anycompatiblearray)$/.test(type)) return `ARRAY[${column}]`;
    return random.pick([`NULL::${type}`, `(${inner()})::${type}`]);
  };
  return `${name}(${args.map(argument).join(", ")})`;
}

/** A generated expression as a node (retried until it parses). */
function expressionNode(context: MutationContext, scope?: Table): AstObject | undefined {
  for (let tries = 0; tries < 5; tries++) {
    const node = parseExpression(expressionText(context, scope));
    if (node !== undefined) return node;
  }
  return undefined;
}

/** A donor expression: harvested from a seed or generated. */
function donorExpression(context: MutationContext, scope?: Table): AstObject | undefined {
  const { random, donors } = context;
  if (random.chance(0.4)) {
    const types = [...expressionTypes].filter((type) => (donors.get(type)?.length ?? 0) > 0);
    if (types.length > 0) return copy(random.pick(donors.get(random.pick(types)) ?? []));
  }
  return expressionNode(context, scope);
}

/** One of the statements' own expressions as text, or a generated one. */
function someExpression(statements: AstObject[], context: MutationContext): string {
  const slots = expressionSlots(statements);
  const own = slots.length > 0 ? deparseExpression(context.random.pick(slots).node) : undefined;
  return own !== undefined && context.random.chance(0.6)
    ? own
    : expressionText(context, scopeOf(statements, context));
}

/** Replaces the statements by those parsed from `sql`; false when it does not parse. */
function reparse(statements: AstObject[], sql: string): boolean {
  const parsed = parseStatements(sql);
  if (parsed === undefined) return false;
  statements.splice(0, statements.length, ...parsed);
  return true;
}

function deparsedOne(statements: AstObject[], context: MutationContext) {
  const index = context.random.int(statements.length);
  const statement = statements[index];
  const sql = statement === undefined ? undefined : deparseStatements([statement]);
  return sql === undefined ? undefined : { index, sql };
}

/** Rewrites one statement through a text template with a hole for it. */
function wrapOne(
  statements: AstObject[],
  context: MutationContext,
  template: (sql: string, type: string) => string | undefined,
): boolean {
  const one = deparsedOne(statements, context);
  if (one === undefined) return false;
  const type = Object.keys(statements[one.index] ?? {})[0] ?? "";
  const wrapped = template(one.sql, type);
  if (wrapped === undefined) return false;
  const parsed = parseStatements(wrapped);
  if (parsed === undefined) return false;
  statements.splice(one.index, 1, ...parsed);
  return true;
}

const selectLike = (type: string) => type === "SelectStmt";
const returningLike = (sql: string, type: string) =>
  type === "SelectStmt" || / RETURNING /i.test(sql);

/** Every mutation the fuzzer knows, in a fixed order. */
export const mutations: Mutation[] = [
  {
    name: "swap a function for a catalog function of the same arity",
    apply(statements, { random, vocabulary }) {
      const calls = slotsOf(statements).filter((slot) => slot.type === "FuncCall");
      if (calls.length === 0) return false;
      const call = random.pick(calls).node.FuncCall as AstObject;
      const arity = ((call.args as unknown[] | undefined) ?? []).length;
      const names = vocabulary.functionsByArity[arity];
      if (names === undefined || names.length === 0) return false;
      call.funcname = [{ String: { sval: random.pick(names) } }];
      return true;
    },
  },
  {
    name: "put an expression into an expression slot",
    apply(statements, context) {
      const slots = expressionSlots(statements);
      const donor = donorExpression(context, scopeOf(statements, context));
      if (slots.length === 0 || donor === undefined) return false;
      replaceAt(context.random.pick(slots), donor);
      return true;
    },
  },
  {
    name: "replace a subtree by a seed's subtree of the same node type",
    apply(statements, { random, donors }) {
      const slots = slotsOf(statements).filter((slot) => (donors.get(slot.type)?.length ?? 0) > 0);
      if (slots.length === 0) return false;
      const slot = random.pick(slots);
      replaceAt(slot, copy(random.pick(donors.get(slot.type) ?? [])));
      return true;
    },
  },
  {
    name: "wrap an expression in a cast, an operator or a function",
    apply(statements, context) {
      const slots = expressionSlots(statements);
      if (slots.length === 0) return false;
      const slot = context.random.pick(slots);
      const inner = deparseExpression(slot.node);
      if (inner === undefined) return false;
      const { random, vocabulary } = context;
      const text = random.pick([
        () => `(${inner})::${random.pick(vocabulary.types)}`,
        () => `(${inner})::text::${random.pick(vocabulary.types)}`,
        () =>
          `(${inner}) ${random.pick(vocabulary.operators)} (${expressionText(context, scopeOf(statements, context))})`,
        () => `${random.pick(vocabulary.functionsByArity[1] ?? ["abs"])}(${inner})`,
        () =>
          `${random.pick(vocabulary.functionsByArity[2] ?? ["left"])}(${inner}, ${expressionText(context, scopeOf(statements, context))})`,
      ])();
      const node = parseExpression(text);
      if (node === undefined) return false;
      replaceAt(slot, node);
      return true;
    },
  },
  {
    name: "swap a relation for another seeded table",
    apply(statements, { random, vocabulary }) {
      const targets: AstObject[] = [];
      collectRangeVars(statements, targets);
      if (targets.length === 0) return false;
      const target = random.pick(targets);
      const [schema, name] = random.pick(vocabulary.tables).name.split(".");
      if (name === undefined) {
        target.relname = schema;
        delete target.schemaname;
      } else {
        target.schemaname = schema;
        target.relname = name;
      }
      return true;
    },
  },
  {
    name: "swap a column reference for a seeded column",
    apply(statements, context) {
      const { random, vocabulary } = context;
      const refs = slotsOf(statements).filter((slot) => slot.type === "ColumnRef");
      if (refs.length === 0) return false;
      const table =
        (random.chance(0.8) ? scopeOf(statements, context) : undefined) ??
        random.pick(vocabulary.tables);
      const fields = [{ String: { sval: random.pick(table.columns) } }];
      if (random.chance(0.3))
        fields.unshift({ String: { sval: table.name.split(".").at(-1) ?? "" } });
      (random.pick(refs).node.ColumnRef as AstObject).fields = fields;
      return true;
    },
  },
  {
    name: "swap an operator or a cast's type",
    apply(statements, { random, vocabulary }) {
      const slots = slotsOf(statements).filter(
        (slot) => slot.type === "A_Expr" || slot.type === "TypeCast",
      );
      if (slots.length === 0) return false;
      const slot = random.pick(slots);
      if (slot.type === "A_Expr")
        (slot.node.A_Expr as AstObject).name = [
          { String: { sval: random.pick(vocabulary.operators) } },
        ];
      else
        (slot.node.TypeCast as AstObject).typeName = {
          names: [{ String: { sval: random.pick(vocabulary.types) } }],
          typemod: -1,
        };
      return true;
    },
  },
  {
    name: "fill an empty clause of a statement with an expression",
    apply(statements, context) {
      const holders = slotsOf(statements)
        .filter((slot) =>
          ["SelectStmt", "UpdateStmt", "DeleteStmt", "JoinExpr", "OnConflictClause"].includes(
            slot.type,
          ),
        )
        .map((slot) => slot.node[slot.type] as AstObject);
      for (const statement of statements) {
        const type = Object.keys(statement)[0] ?? "";
        if (["SelectStmt", "UpdateStmt", "DeleteStmt"].includes(type))
          holders.push(statement[type] as AstObject);
      }
      if (holders.length === 0) return false;
      const holder = context.random.pick(holders);
      const field = context.random.pick(
        "targetList" in holder && "op" in holder
          ? [
              "whereClause",
              "havingClause",
              "limitCount",
              "limitOffset",
              "sortClause",
              "groupClause",
            ]
          : "quals" in holder || "larg" in holder
            ? ["quals"]
            : ["whereClause"],
      );
      const donor = donorExpression(context, scopeOf(statements, context));
      if (donor === undefined) return false;
      if (field === "sortClause")
        holder.sortClause = [
          {
            SortBy: {
              node: donor,
              sortby_dir: "SORTBY_DEFAULT",
              sortby_nulls: "SORTBY_NULLS_DEFAULT",
            },
          },
        ];
      else if (field === "groupClause") holder.groupClause = [donor];
      else {
        // A filter must be boolean: half the time the donor is made one (still evaluated).
        const predicate =
          ["whereClause", "havingClause", "quals"].includes(field) && context.random.chance(0.5);
        holder[field] = predicate
          ? { NullTest: { arg: donor, nulltesttype: "IS_NOT_NULL" } }
          : donor;
        if (field === "limitCount") holder.limitOption = "LIMIT_OPTION_COUNT";
      }
      return true;
    },
  },
  {
    name: "wrap a statement in EXPLAIN",
    apply(statements, context) {
      const options = context.random.pick([
        "",
        "(VERBOSE) ",
        "(COSTS OFF) ",
        "(GENERIC_PLAN) ",
        "(ANALYZE) ",
        "(FORMAT JSON) ",
        "(SETTINGS) ",
      ]);
      return wrapOne(statements, context, (sql) => `EXPLAIN ${options}${sql}`);
    },
  },
  {
    name: "wrap a statement in a CTE, a subquery or LATERAL",
    apply(statements, context) {
      const { random, vocabulary } = context;
      const outer = random.pick(vocabulary.tables).name;
      // A filter outside the wrapper, over the columns the wrapped statement's table gives it.
      const scope = scopeOf(statements, context);
      const condition = () => {
        const expression = expressionText(context, scope);
        return random.chance(0.5) ? `(${expression}) IS NOT NULL` : expression;
      };
      return wrapOne(statements, context, (sql, type) => {
        if (!returningLike(sql, type)) return undefined;
        return random.pick([
          `WITH w AS (${sql}) SELECT * FROM w`,
          `WITH w AS (${sql}) SELECT * FROM w WHERE ${condition()}`,
          `SELECT count(*) FROM (${sql}) AS s WHERE ${condition()}`,
          `WITH w AS MATERIALIZED (${sql}) SELECT count(*) FROM w`,
          ...(selectLike(type)
            ? [
                `SELECT * FROM (${sql}) AS s`,
                `SELECT * FROM ${outer} AS o, LATERAL (${sql}) AS s`,
                `SELECT * FROM ${outer} AS o WHERE EXISTS (${sql})`,
                `WITH RECURSIVE r AS (${sql}) SELECT * FROM r`,
                `SELECT (${sql} LIMIT 1) AS v`,
                `${sql} UNION ALL ${sql}`,
              ]
            : []),
        ]);
      });
    },
  },
  {
    name: "store an expression or a query in DDL",
    apply(statements, context) {
      const { random, vocabulary } = context;
      const table = random.pick(vocabulary.tables);
      const expression = someExpression(statements, context);
      return wrapOne(statements, context, (sql, type) => {
        const query = selectLike(type) ? sql : `SELECT ${expression}`;
        return random.pick([
          `CREATE INDEX fz_index ON ${table.name} ((${expression}))`,
          `CREATE INDEX fz_index ON ${table.name} (id) WHERE ${expression}`,
          `CREATE VIEW fz_view AS ${query}`,
          `CREATE TABLE fz_table AS ${query}`,
          `CREATE MATERIALIZED VIEW fz_mview AS ${query}`,
          `ALTER TABLE ${table.name} ADD CHECK (${expression}) NOT VALID`,
          `ALTER TABLE ${table.name} ADD COLUMN fz_column text DEFAULT (${expression})`,
          `ALTER TABLE ${table.name} ADD COLUMN fz_column text GENERATED ALWAYS AS ((${expression})::text) STORED`,
          `CREATE STATISTICS fz_stats ON (${expression}), ${random.pick(table.columns)} FROM ${table.name}`,
          `CREATE FUNCTION fz_function() RETURNS SETOF record LANGUAGE sql AS $fz$${query}$fz$`,
          `CREATE RULE fz_rule AS ON UPDATE TO ${table.name} DO ALSO ${sql}`,
          `CREATE POLICY fz_policy ON ${table.name} USING (${expression})`,
          `CREATE DOMAIN fz_domain AS text CHECK (${expression.replace(/\b\w+\./g, "")} IS NOT NULL)`,
          `PREPARE fz_prepared AS ${sql}; EXECUTE fz_prepared`,
          `DECLARE fz_cursor CURSOR FOR ${query}; FETCH ALL FROM fz_cursor`,
          `CREATE TRIGGER fz_trigger BEFORE UPDATE ON ${table.name} FOR EACH ROW WHEN (${expression}) EXECUTE FUNCTION suppress_redundant_updates_trigger()`,
        ]);
      });
    },
  },
  {
    name: "hand an expression to a setting, or change one first",
    apply(statements, context) {
      const { random, vocabulary } = context;
      const expression = someExpression(statements, context);
      const sql = deparseStatements(statements);
      // Custom settings (those the policies read) are drawn as often as all of PostgreSQL's.
      const custom = vocabulary.settings.filter((s) => s.name.includes("."));
      const setting = random.pick(
        custom.length > 0 && random.chance(0.5) ? custom : vocabulary.settings,
      );
      const value = random.pick(setting.values).replaceAll("'", "''");
      if (sql === undefined) return false;
      return reparse(
        statements,
        random.pick([
          `SELECT set_config('fz.value', (${expression})::text, false); ${sql}`,
          `${sql}; SELECT set_config('fz.value', (${expression})::text, ${random.pick(["false", "true"])})`,
          `SET ${setting.name} = '${value}'; ${sql}`,
          `SET LOCAL ${setting.name} = '${value}'; ${sql}`,
          `SELECT set_config('${setting.name}', '${value}', ${random.pick(["false", "true"])}); ${sql}`,
          `${sql}; RESET ${setting.name}`,
        ]),
      );
    },
  },
  {
    name: "join a seed statement into the batch",
    apply(statements, { random, statements: seeds }) {
      const donor = copy(random.pick(seeds));
      if (random.chance(0.5)) statements.unshift(donor);
      else statements.push(donor);
      return true;
    },
  },
  {
    name: "drop an element of a list",
    apply(statements, { random }) {
      const lists = slotsOf(statements).filter(
        (slot) => Array.isArray(slot.holder) && slot.holder.length > 1,
      );
      if (lists.length === 0) return false;
      const slot = random.pick(lists);
      (slot.holder as unknown[]).splice(slot.key as number, 1);
      return true;
    },
  },
  {
    name: "hoist an expression over its parent",
    apply(statements, { random }) {
      const slots = expressionSlots(statements);
      if (slots.length === 0) return false;
      const slot = random.pick(slots);
      const inner = expressionSlots([slot.node]);
      if (inner.length === 0) return false;
      replaceAt(slot, copy(random.pick(inner).node));
      return true;
    },
  },
];

/** Every RangeVar body, wrapped or bare (`relation: { relname }`). */
function collectRangeVars(value: unknown, into: AstObject[]) {
  if (Array.isArray(value)) for (const item of value) collectRangeVars(item, into);
  else if (typeof value === "object" && value !== null) {
    const object = value as AstObject;
    if (typeof object.relname === "string") into.push(object);
    for (const key of Object.keys(object)) collectRangeVars(object[key], into);
  }
}
