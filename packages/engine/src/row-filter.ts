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
import { refuse } from "./decision.js";
import type { CompiledRowFilter, RowFilterIndex } from "./row-filter-predicate.js";
import { walkTree } from "./walk.js";

/** What row filtering did to a batch: the predicates injected, and whether any was. */
export interface RowFilterOutcome {
  applied: CompiledRowFilter[];
  /** Write targets of a filtered relation that are not filtered (INSERT). */
  unfilteredInserts: string[];
}

type Edit = () => void;

/**
 * ANDs each relation's row-filter predicate into every reference to it, in place: into the
 * WHERE clause of the query, UPDATE or DELETE that reads it directly or through inner joins,
 * and, on the nullable side of an outer join, by reading the relation through a filtered
 * subquery so the join keeps its meaning. CTE names are not relations and are left alone.
 */
export function injectRowFilters(
  statements: AstObject[],
  filters: RowFilterIndex,
): RowFilterOutcome {
  const applied = new Map<CompiledRowFilter, true>();
  const unfilteredInserts: string[] = [];
  if (filters.size === 0) return { applied: [], unfilteredInserts };
  const edits: Edit[] = [];
  // A write target is always a relation, never a CTE of the same name.
  const lookup = (rangeVar: AstObject, ctes: ReadonlySet<string>): CompiledRowFilter[] => {
    const relation = str(rangeVar.relname) ?? "";
    if (rangeVar.schemaname === undefined && ctes.has(relation)) return [];
    return filters.get(relationKey(rangeVarName(rangeVar))) ?? [];
  };
  const filtersOf = (rangeVar: AstObject, ctes: ReadonlySet<string>): CompiledRowFilter[] => {
    const found = lookup(rangeVar, ctes);
    for (const filter of found) {
      if (filter.expression === undefined) {
        refuse(
          "row_filter_unsafe",
          `The row filter on ${filter.table} cannot be applied safely: ${filter.problem}.`,
          "Fix the row filter's predicate so it is a single boolean expression, for example tenant_id = 42.",
        );
      }
      applied.set(filter, true);
    }
    return found;
  };

  for (const statement of statements) {
    walkTree(statement, (object, place, type) => {
      const filtered = (rangeVar: unknown) =>
        isRangeVar(rangeVar) ? filtersOf(rangeVar, place.ctes) : [];
      if (type === "UpdateStmt" || type === "DeleteStmt") {
        const target = object.relation as AstObject;
        for (const filter of filtered(target))
          edits.push(() => andInto(object, qualified(filter, target)));
      }
      const target = isRangeVar(object.relation) ? object.relation : undefined;
      if (type === "InsertStmt" && target !== undefined && lookup(target, place.ctes).length > 0) {
        unfilteredInserts.push(rangeVarName(object.relation as AstObject));
      }
      if (type === "MergeStmt" && filtered(object.relation).length > 0) {
        refuse(
          "row_filter_unsupported",
          `MERGE into ${rangeVarName(object.relation as AstObject)} cannot be limited by its row filter.`,
          "Use UPDATE, INSERT or DELETE statements, which the row filter applies to.",
        );
      }
      if (type === "CopyStmt" && object.is_from !== true && isRangeVar(object.relation)) {
        const found = filtered(object.relation);
        if (found.length > 0) edits.push(() => copyThroughQuery(object, found));
      }
      for (const key of ["fromClause", "usingClause"]) {
        const items = object[key];
        if (!Array.isArray(items)) continue;
        for (let index = 0; index < items.length; index += 1) {
          placeInFrom(items, index, false, object, filtered, edits);
        }
      }
      if (type === "MergeStmt") {
        const holder = object;
        placeInFrom([holder.sourceRelation], 0, true, holder, filtered, edits, (node) => {
          holder.sourceRelation = node;
        });
      }
      return undefined;
    });
  }
  for (const edit of edits) edit();
  return { applied: [...applied.keys()], unfilteredInserts };
}

/** Finds filtered relations in one FROM entry and plans where their predicates go. */
function placeInFrom(
  container: unknown[],
  index: number,
  nullable: boolean,
  query: AstObject,
  filtered: (rangeVar: unknown) => CompiledRowFilter[],
  edits: Edit[],
  replace: (node: AstObject) => void = (node) => {
    container[index] = node;
  },
): void {
  const entry = container[index];
  const rangeVar = asNode(entry, "RangeVar");
  if (rangeVar !== undefined) {
    const found = filtered(rangeVar);
    if (found.length === 0) return;
    if (nullable) edits.push(() => replace(filteredSubquery(rangeVar, found)));
    else for (const filter of found) edits.push(() => andInto(query, qualified(filter, rangeVar)));
    return;
  }
  const join = asNode(entry, "JoinExpr");
  if (join === undefined) return;
  const type = str(join.jointype);
  const leftNullable = nullable || type === "JOIN_RIGHT" || type === "JOIN_FULL";
  const rightNullable = nullable || type === "JOIN_LEFT" || type === "JOIN_FULL";
  const sides: [string, boolean][] = [
    ["larg", leftNullable],
    ["rarg", rightNullable],
  ];
  for (const [side, sideNullable] of sides) {
    placeInFrom([join[side]], 0, sideNullable, query, filtered, edits, (node) => {
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

/** `(SELECT * FROM relation WHERE predicate) AS alias`, keeping any column alias list. */
function filteredSubquery(rangeVar: AstObject, filters: CompiledRowFilter[]): AstObject {
  const bare: AstObject = { ...rangeVar };
  delete bare.alias;
  const select: AstObject = {
    targetList: [{ ResTarget: { val: { ColumnRef: { fields: [{ A_Star: {} }] } } } }],
    fromClause: [{ RangeVar: bare }],
    limitOption: "LIMIT_OPTION_DEFAULT",
    op: "SETOP_NONE",
  };
  for (const filter of filters) andInto(select, cloneTree(filter.expression as AstObject));
  const colnames = aliasColumns(rangeVar).map((sval) => ({ String: { sval } }));
  const alias: AstObject = { aliasname: aliasName(rangeVar) ?? "" };
  if (colnames.length > 0) alias.colnames = colnames;
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
