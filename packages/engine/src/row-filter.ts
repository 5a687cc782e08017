import { relationKey } from "@pgbeam/policies-validators";
import {
  type AstObject,
  aliasColumns,
  aliasName,
  asNode,
  cloneTree,
  isObject,
  isRangeVar,
  list,
  rangeVarName,
  str,
  stringValue,
} from "./ast.js";
import { type Refusal, Refusals } from "./decision.js";
import { isPlainCondition } from "./plain-condition.js";
import type { CompiledRowFilter, RowFilterIndex } from "./row-filter-predicate.js";
import { walkTree } from "./walk.js";

const writeTargets = new Set(["InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"]);

/** What row filtering did to a batch: the predicates injected, and whether any was. */
export interface RowFilterOutcome {
  applied: CompiledRowFilter[];
  /** Write targets of a filtered relation that are not filtered (INSERT). */
  unfilteredInserts: string[];
  /** Set when a reference cannot be filtered: the statement is refused (and left unchanged). */
  refusal?: Refusal;
}

type Edit = () => void;

// A write target is always a relation, never a CTE of the same name.
const noCtes: ReadonlySet<string> = new Set();

/**
 * Places each relation's row-filter predicate as a security barrier, in place: every read of
 * the relation (FROM, JOIN, subquery, CTE, LATERAL, EXISTS, UPDATE … FROM, INSERT … SELECT) goes
 * through `(SELECT * FROM relation WHERE predicate OFFSET 0)`, a subquery PostgreSQL neither
 * flattens nor pushes conditions into, so no caller expression sees a row the predicate has not
 * passed. An UPDATE's or DELETE's target, and ON CONFLICT DO UPDATE, get the predicate in their
 * WHERE, and a caller condition that is not a plain leakproof comparison runs behind it as
 * `CASE WHEN predicate THEN … ELSE false END`. A reference left without its predicate
 * (any other position) refuses the statement. CTE names are not relations and are left alone.
 */
export function injectRowFilters(
  statements: AstObject[],
  filters: RowFilterIndex,
): RowFilterOutcome {
  const applied = new Map<CompiledRowFilter, true>();
  const unfilteredInserts: string[] = [];
  if (filters.size === 0) return { applied: [], unfilteredInserts };
  const edits: Edit[] = [];
  const refusals = new Refusals();
  const reached = new Map<AstObject, string>();
  const placed = new Set<AstObject>();
  const lookup = (rangeVar: AstObject, ctes: ReadonlySet<string>): CompiledRowFilter[] => {
    const relation = str(rangeVar.relname) ?? "";
    if (rangeVar.schemaname === undefined && ctes.has(relation)) return [];
    return filters.get(relationKey(rangeVarName(rangeVar))) ?? [];
  };
  const filtersOf = (rangeVar: AstObject): CompiledRowFilter[] => {
    const found = filters.get(relationKey(rangeVarName(rangeVar))) ?? [];
    for (const filter of found) {
      if (filter.expression === undefined) {
        refusals.add(
          "row_filter_unsafe",
          `The row filter on ${filter.table} cannot be applied safely: ${filter.problem}.`,
          "Fix the row filter's predicate so it is a single boolean expression, for example tenant_id = 42.",
        );
      }
      applied.set(filter, true);
    }
    placed.add(rangeVar);
    return found;
  };

  for (const statement of statements) {
    walkTree(statement, (object, place, type) => {
      if (isRangeVar(object)) {
        const target = place.key === "relation" && writeTargets.has(place.owner ?? "");
        const insert = target && place.owner === "InsertStmt";
        if (!insert && lookup(object, target ? noCtes : place.ctes).length > 0)
          reached.set(object, rangeVarName(object));
      }
      if (type === "UpdateStmt" || type === "DeleteStmt") {
        const target = object.relation as AstObject;
        const found = lookup(target, noCtes).length > 0 ? filtersOf(target) : [];
        if (found.length > 0) edits.push(() => filterTarget(object, target, found));
      }
      const target = isRangeVar(object.relation) ? object.relation : undefined;
      if (type === "InsertStmt" && target !== undefined && lookup(target, noCtes).length > 0) {
        const conflict = isObject(object.onConflictClause) ? object.onConflictClause : undefined;
        if (conflict?.action === "ONCONFLICT_UPDATE") {
          // DO UPDATE changes (and RETURNING shows) the existing row: only one the filter admits.
          // The caller's DO UPDATE … WHERE runs behind the predicate, as an UPDATE's WHERE does.
          const found = filtersOf(target);
          if (found.length > 0) edits.push(() => filterTarget(conflict, target, found));
        } else unfilteredInserts.push(rangeVarName(target));
      }
      if (type === "MergeStmt" && target !== undefined && lookup(target, noCtes).length > 0) {
        refusals.add(
          "row_filter_unsupported",
          `MERGE into ${rangeVarName(target)} cannot be limited by its row filter.`,
          "Use UPDATE, INSERT or DELETE statements, which the row filter applies to.",
        );
      }
      if (type === "CopyStmt" && object.is_from !== true && target !== undefined) {
        const found = lookup(target, noCtes).length > 0 ? filtersOf(target) : [];
        if (found.length > 0) edits.push(() => copyThroughQuery(object, found));
      }
      for (const key of ["fromClause", "usingClause"]) {
        const items = object[key];
        if (!Array.isArray(items)) continue;
        // Always fenced: PostgreSQL flattens subqueries and merges quals across query levels,
        // so only a subquery it cannot flatten (OFFSET 0) keeps every caller condition outside.
        const level = { query: object, fence: true, filtersOf, edits };
        const visible = (rangeVar: AstObject) => lookup(rangeVar, place.ctes).length > 0;
        for (let index = 0; index < items.length; index += 1) {
          placeInFrom(level, items, index, { nullable: false, hidden: false }, visible);
        }
      }
      if (type === "MergeStmt") {
        const holder = object;
        const level = { query: holder, fence: true, filtersOf, edits };
        const visible = (rangeVar: AstObject) => lookup(rangeVar, place.ctes).length > 0;
        placeInFrom(
          level,
          [holder.sourceRelation],
          0,
          { nullable: true, hidden: true },
          visible,
          (node) => {
            holder.sourceRelation = node;
          },
        );
      }
      return undefined;
    });
  }
  for (const [rangeVar, name] of reached) {
    if (!placed.has(rangeVar)) {
      refusals.add(
        "row_filter_unsupported",
        `The statement reaches ${name} where its row filter cannot be applied (a schema change, a lock or another position that is not a query).`,
        `Read ${name} with SELECT, or change it with UPDATE or DELETE, where the row filter applies.`,
      );
    }
  }
  if (refusals.first !== undefined)
    return { applied: [], unfilteredInserts, refusal: refusals.first };
  for (const edit of edits) edit();
  return { applied: [...applied.keys()], unfilteredInserts };
}

/** One query level's placement context. */
interface Level {
  query: AstObject;
  /** The caller's conditions are not plain: read filtered relations through a fenced subquery. */
  fence: boolean;
  filtersOf: (rangeVar: AstObject) => CompiledRowFilter[];
  edits: Edit[];
}

/** Filters an UPDATE's or DELETE's target, keeping the caller's WHERE behind the predicate. */
function filterTarget(statement: AstObject, target: AstObject, found: CompiledRowFilter[]): void {
  const caller = statement.whereClause;
  // WHERE CURRENT OF names a cursor's row, and the cursor's own query was filtered.
  if (asNode(caller, "CurrentOfExpr") !== undefined) return;
  const predicates = found.map((filter) => qualified(filter, target));
  const guard =
    predicates.length === 1
      ? predicates[0]
      : { BoolExpr: { boolop: "AND_EXPR", args: predicates } };
  if (!isObject(caller) || isPlainCondition(caller)) {
    for (const predicate of predicates) andInto(statement, predicate);
    return;
  }
  statement.whereClause = {
    BoolExpr: {
      boolop: "AND_EXPR",
      args: [
        cloneTree(guard),
        {
          CaseExpr: {
            args: [{ CaseWhen: { expr: guard, result: caller } }],
            defresult: { A_Const: { boolval: { boolval: false } } },
          },
        },
      ],
    },
  };
}

/** Finds filtered relations in one FROM entry and plans where their predicates go. */
function placeInFrom(
  level: Level,
  container: unknown[],
  index: number,
  position: { nullable: boolean; hidden: boolean },
  visible: (rangeVar: AstObject) => boolean,
  replace: (node: AstObject) => void = (node) => {
    container[index] = node;
  },
): void {
  const entry = container[index];
  const sample = asNode(entry, "RangeTableSample");
  const rangeVar = asNode(entry, "RangeVar") ?? asNode(sample?.relation, "RangeVar");
  if (rangeVar !== undefined) {
    if (!visible(rangeVar)) return;
    const found = level.filtersOf(rangeVar);
    const inSubquery =
      level.fence || position.nullable || position.hidden || aliasColumns(rangeVar).length > 0;
    if (inSubquery) {
      const source = sample === undefined ? { RangeVar: rangeVar } : { RangeTableSample: sample };
      level.edits.push(() => replace(filteredSubquery(source, rangeVar, found, level.fence)));
    } else {
      for (const filter of found)
        level.edits.push(() => andInto(level.query, qualified(filter, rangeVar)));
    }
    return;
  }
  const join = asNode(entry, "JoinExpr");
  if (join === undefined) return;
  const type = str(join.jointype);
  const hidden = position.hidden || isObject(join.alias);
  const sides: [string, boolean][] = [
    ["larg", position.nullable || type === "JOIN_RIGHT" || type === "JOIN_FULL"],
    ["rarg", position.nullable || type === "JOIN_LEFT" || type === "JOIN_FULL"],
  ];
  for (const [side, nullable] of sides) {
    placeInFrom(level, [join[side]], 0, { nullable, hidden }, visible, (node) => {
      join[side] = node;
    });
  }
}

/** ANDs a predicate into a statement's WHERE clause, after the caller's own condition. */
function andInto(statement: AstObject, predicate: AstObject): void {
  const existing = statement.whereClause;
  statement.whereClause = isObject(existing)
    ? { BoolExpr: { boolop: "AND_EXPR", args: [existing, predicate] } }
    : predicate;
}

/** The predicate with its bare column names qualified by the reference's alias. */
function qualified(filter: CompiledRowFilter, rangeVar: AstObject): AstObject {
  const alias = aliasName(rangeVar) ?? "";
  const relation = (str(rangeVar.relname) ?? "").toLowerCase();
  const expression = cloneTree(filter.expression as AstObject);
  const qualify = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(qualify);
      return;
    }
    if (!isObject(value) || asNode(value, "SubLink") !== undefined) return;
    const columnRef = asNode(value, "ColumnRef");
    if (columnRef !== undefined) {
      const fields = list(columnRef.fields);
      const column = fields.at(-1);
      const qualifier = fields.length >= 2 ? stringValue(fields.at(-2))?.toLowerCase() : undefined;
      if (fields.length === 1 || qualifier === relation) {
        columnRef.fields = [{ String: { sval: alias } }, column];
      }
      return;
    }
    Object.values(value).forEach(qualify);
  };
  qualify(expression);
  return expression;
}

/**
 * `(SELECT * FROM relation WHERE predicate) AS alias`, keeping any column alias list; with
 * `fence`, `OFFSET 0` stops PostgreSQL from flattening it and mixing the caller's conditions
 * in before the predicate.
 */
function filteredSubquery(
  source: AstObject,
  rangeVar: AstObject,
  filters: CompiledRowFilter[],
  fence: boolean,
): AstObject {
  const alias: AstObject = { aliasname: aliasName(rangeVar) ?? "" };
  const colnames = aliasColumns(rangeVar).map((sval) => ({ String: { sval } }));
  if (colnames.length > 0) alias.colnames = colnames;
  const bare = cloneTree(source);
  const bareRangeVar =
    asNode(bare, "RangeVar") ?? asNode(asNode(bare, "RangeTableSample")?.relation, "RangeVar");
  if (bareRangeVar !== undefined) delete bareRangeVar.alias;
  const select: AstObject = {
    targetList: [{ ResTarget: { val: { ColumnRef: { fields: [{ A_Star: {} }] } } } }],
    fromClause: [bare],
    limitOption: "LIMIT_OPTION_DEFAULT",
    op: "SETOP_NONE",
  };
  if (fence) select.limitOffset = { A_Const: { ival: {} } };
  for (const filter of filters) andInto(select, cloneTree(filter.expression as AstObject));
  return { RangeSubselect: { subquery: { SelectStmt: select }, alias } };
}

/** `COPY t TO …` becomes `COPY (SELECT … FROM t WHERE predicate) TO …`. */
function copyThroughQuery(copy: AstObject, filters: CompiledRowFilter[]): void {
  const relation = copy.relation as AstObject;
  const columns = list(copy.attlist).map(stringValue);
  const targetList =
    columns.length === 0
      ? [{ ResTarget: { val: { ColumnRef: { fields: [{ A_Star: {} }] } } } }]
      : columns.map((sval) => ({
          ResTarget: { val: { ColumnRef: { fields: [{ String: { sval } }] } } },
        }));
  const select: AstObject = {
    targetList,
    fromClause: [{ RangeVar: relation }],
    limitOption: "LIMIT_OPTION_DEFAULT",
    op: "SETOP_NONE",
  };
  for (const filter of filters) andInto(select, qualified(filter, relation));
  delete copy.relation;
  delete copy.attlist;
  copy.query = { SelectStmt: select };
}
