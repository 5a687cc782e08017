import type { MaskingKind } from "@pgbeam/policies-types";
import { relationKey } from "@pgbeam/policies-validators";
import {
  type AstObject,
  aliasColumns,
  aliasName,
  asNode,
  isObject,
  isRangeVar,
  list,
  nodeType,
  rangeVarName,
  str,
  stringValue,
} from "./ast.js";
import { acceptsWholeRow } from "./catalog/code-safety.js";
import { outputColumnName, resTarget } from "./column-name.js";
import { Refusals } from "./decision.js";
import { isLeakproofComparison } from "./operators.js";

/** Masked columns by relation key, then by lower-cased column name. */
export type MaskIndex = ReadonlyMap<string, ReadonlyMap<string, MaskingKind>>;

/** A column as the analysis tracks it: which mask kinds reach its value. */
export interface TrackedColumn {
  name: string;
  kinds: ReadonlySet<MaskingKind>;
  /** The value passed through a scalar subquery: PgBeam nulls such a column whole. */
  nulled: boolean;
}

/** The columns a query or FROM item yields; `open` when it may yield columns we cannot list. */
export interface Columns {
  columns: TrackedColumn[];
  open: boolean;
}

interface FromItem extends Columns {
  alias: string;
  /** Set for a base relation: its masked columns are known by name. */
  relation?: string;
}

type Scope = readonly (readonly FromItem[])[];

// The SELECT fields `select` judges by name; every other field is judged as computed on.
const selectClausesJudged = new Set([
  "withClause",
  "op",
  "all",
  "larg",
  "rarg",
  "valuesLists",
  "fromClause",
  "targetList",
  "whereClause",
  "havingClause",
  "groupClause",
  "groupDistinct",
  "sortClause",
  "distinctClause",
  "windowClause",
  "intoClause",
  "lockingClause",
  "limitOption",
]);

// The INSERT/UPDATE/DELETE/MERGE fields `write` judges by name; every other one is computed on.
const writeClausesJudged = new Set([
  "withClause",
  "relation",
  "fromClause",
  "usingClause",
  "sourceRelation",
  "returningClause",
  "returningList",
  "selectStmt",
  "targetList",
  "cols",
  "onConflictClause",
  "mergeWhenClauses",
  "whereClause",
  "joinCondition",
  "override",
  "matchKind",
]);
type CteMap = ReadonlyMap<string, Columns>;

const none: ReadonlySet<MaskingKind> = new Set();
const nothing: Columns = { columns: [], open: false };

/**
 * Follows masked columns through a statement: which output columns carry a masked value, and
 * the constructs that would leak one (an expression computed over it, a rename by position, a
 * copy into another relation), which it refuses.
 */
export class ProvenanceAnalysis {
  /** True once a filter, join, grouping or ordering uses a masked value. */
  filtersOnMasked = false;

  constructor(
    private readonly masks: MaskIndex,
    /** Where the analysis records what it refuses (the first one counts). */
    readonly refusals: Refusals = new Refusals(),
  ) {}

  /** The output columns of any statement node: a query's targets or a write's RETURNING list. */
  statement(node: unknown, scope: Scope = [], ctes: CteMap = new Map()): Columns {
    const type = nodeType(node);
    const body = type === undefined ? undefined : ((node as AstObject)[type] as AstObject);
    if (body === undefined) return nothing;
    switch (type) {
      case "SelectStmt":
        return this.select(body, scope, ctes);
      case "InsertStmt":
      case "UpdateStmt":
      case "DeleteStmt":
      case "MergeStmt":
        return this.write(body, scope, ctes);
      default:
        return nothing;
    }
  }

  /** A SELECT, VALUES or set operation (`body` is the SelectStmt's body). */
  select(body: AstObject, scope: Scope, outerCtes: CteMap): Columns {
    const ctes = this.withClause(body.withClause, scope, outerCtes);
    if (body.op !== undefined && body.op !== "SETOP_NONE") {
      return combineSetOperation(
        this.refusals,
        this.select(body.larg as AstObject, scope, ctes),
        this.select(body.rarg as AstObject, scope, ctes),
      );
    }
    if (Array.isArray(body.valuesLists)) return this.values(body.valuesLists, scope, ctes);
    const items = this.fromItems(list(body.fromClause), scope, ctes);
    const inner: Scope = [items, ...scope];
    const output = this.targets(list(body.targetList), inner, ctes);
    for (const clause of ["whereClause", "havingClause", "groupClause", "sortClause"]) {
      this.filter(body[clause], inner, ctes);
    }
    this.filter(body.distinctClause, inner, ctes);
    for (const window of list(body.windowClause)) {
      const def = asNode(window, "WindowDef");
      this.filter(def?.partitionClause, inner, ctes);
      this.filter(def?.orderClause, inner, ctes);
      // Frame offsets and anything else a window definition holds are computed on.
      this.filter(
        { ...def, partitionClause: undefined, orderClause: undefined },
        inner,
        ctes,
        false,
      );
    }
    // Every other clause (LIMIT, OFFSET, and any the engine does not name) is computed on.
    for (const key in body) {
      if (!selectClausesJudged.has(key)) this.filter(body[key], inner, ctes, false);
    }
    return output;
  }

  /** INSERT, UPDATE, DELETE and MERGE: values written must carry no masked value. */
  private write(body: AstObject, scope: Scope, outerCtes: CteMap): Columns {
    const ctes = this.withClause(body.withClause, scope, outerCtes);
    const target = isRangeVar(body.relation) ? [this.rangeVar(body.relation, ctes, true)] : [];
    const sources = this.fromItems(
      [
        ...list(body.fromClause),
        ...list(body.usingClause),
        ...(body.sourceRelation ? [body.sourceRelation] : []),
      ],
      scope,
      ctes,
    );
    // RETURNING old/new (and WITH (OLD AS o, NEW AS n)) name the written row as a whole.
    const returningClause = isObject(body.returningClause) ? body.returningClause : undefined;
    const rowNames = [
      "old",
      "new",
      ...list(returningClause?.options).map((o) => str(asNode(o, "ReturningOption")?.value) ?? ""),
    ];
    const rows = target.flatMap((item) => rowNames.map((alias) => ({ ...item, alias })));
    const excluded = target.map((item) => ({ ...item, alias: "excluded" }));
    const inner: Scope = [[...target, ...sources, ...excluded, ...rows], ...scope];
    const into = isRangeVar(body.relation) ? rangeVarName(body.relation) : "the target";
    if (body.selectStmt !== undefined) {
      const written = this.statement(body.selectStmt, scope, ctes);
      if (written.columns.some((column) => column.kinds.size > 0)) refuseCopy(this.refusals, into);
    }
    const assignments = [
      ...list(body.targetList),
      ...list(isObject(body.onConflictClause) ? body.onConflictClause.targetList : undefined),
      ...list(body.mergeWhenClauses).flatMap((clause) => {
        const when = asNode(clause, "MergeWhenClause");
        return [...list(when?.targetList), ...list(when?.values)];
      }),
    ];
    for (const assignment of assignments) {
      const value = resTarget(assignment)?.val ?? assignment;
      if (this.taint(value, inner, ctes).size > 0) refuseCopy(this.refusals, into);
    }
    // Subscripts and field names of assignment targets (`SET a[i] = …`, `INSERT INTO t (a[i])`).
    for (const target of [...assignments, ...list(body.cols)]) {
      this.filter(resTarget(target)?.indirection, inner, ctes, false);
    }
    for (const key in body) {
      if (!writeClausesJudged.has(key)) this.filter(body[key], inner, ctes, false);
    }
    this.filter(body.whereClause, inner, ctes);
    this.filter(body.joinCondition, inner, ctes);
    if (isObject(body.onConflictClause)) {
      this.filter(body.onConflictClause.whereClause, inner, ctes);
      this.filter(
        asNode({ InferClause: body.onConflictClause.infer }, "InferClause")?.whereClause,
        inner,
        ctes,
      );
    }
    for (const clause of list(body.mergeWhenClauses))
      this.filter(asNode(clause, "MergeWhenClause")?.condition, inner, ctes);
    const returning = returningClause !== undefined ? returningClause.exprs : body.returningList;
    return this.targets(list(returning), inner, ctes);
  }

  private withClause(withClause: unknown, scope: Scope, outer: CteMap): CteMap {
    if (!isObject(withClause)) return outer;
    const ctes = new Map(outer);
    const entries = list(withClause.ctes)
      .map((cte) => asNode(cte, "CommonTableExpr"))
      .filter((cte): cte is AstObject => cte !== undefined);
    const pass = () => {
      for (const cte of entries) {
        const name = str(cte.ctename) ?? "";
        const output = this.statement(cte.ctequery, scope, ctes);
        const aliases = list(cte.aliascolnames).map((n) => stringValue(n) ?? "");
        const carries = output.columns.some((column) => column.kinds.size > 0);
        if ((cte.search_clause !== undefined || cte.cycle_clause !== undefined) && carries) {
          // SEARCH … SET and CYCLE … USING add a column computed from the listed ones.
          refuseExpression(this.refusals, "a SEARCH or CYCLE column of a recursive CTE");
        }
        ctes.set(name, renameByPosition(this.refusals, output, aliases, name));
      }
    };
    if (withClause.recursive !== true) {
      pass();
      return ctes;
    }
    // A recursive CTE feeds its output back in: repeat until the masked columns stop moving.
    for (const cte of entries) ctes.set(str(cte.ctename) ?? "", { columns: [], open: true });
    let seen = "";
    for (let round = 0; round < 8; round += 1) {
      pass();
      const now = signature(ctes);
      if (now === seen) return ctes;
      seen = now;
    }
    this.refusals.add(
      "masked_column_expression",
      "A recursive CTE moves masked values between its columns in a way the engine cannot follow to the end.",
      "Select the masked column directly from its table so the mask applies.",
    );
    return ctes;
  }

  private values(rows: readonly unknown[], scope: Scope, ctes: CteMap): Columns {
    for (const row of rows) {
      for (const value of list(asNode(row, "List")?.items)) {
        if (this.taint(value, scope, ctes).size > 0) {
          this.refusals.add(
            "masked_column_expression",
            "A VALUES list carries a masked column under a name no masking rule covers.",
            "Select the masked column directly from its table so the mask applies.",
          );
        }
      }
    }
    const width = list(asNode(rows[0], "List")?.items).length;
    const columns = Array.from({ length: width }, (_, i) => ({
      name: `column${i + 1}`,
      kinds: none,
      nulled: false,
    }));
    return { columns, open: false };
  }

  /** The FROM items of one query level, each with the columns it yields. */
  private fromItems(entries: readonly unknown[], scope: Scope, ctes: CteMap): FromItem[] {
    const items: FromItem[] = [];
    for (const entry of entries) items.push(...this.fromItem(entry, [items, ...scope], ctes));
    return items;
  }

  private fromItem(entry: unknown, scope: Scope, ctes: CteMap): FromItem[] {
    const type = nodeType(entry);
    const node = type === undefined ? undefined : ((entry as AstObject)[type] as AstObject);
    if (node === undefined) return [];
    switch (type) {
      case "RangeVar":
        return [this.rangeVar(node, ctes)];
      case "RangeSubselect": {
        const output = this.statement(node.subquery, scope, ctes);
        const alias = aliasName(node) ?? "";
        return [
          {
            alias: alias.toLowerCase(),
            ...renameByPosition(this.refusals, output, aliasColumns(node), alias),
          },
        ];
      }
      case "JoinExpr": {
        // The right side sees the left (LATERAL); without LATERAL that only over-reports.
        const left = this.fromItem(node.larg, scope, ctes);
        const sides = [...left, ...this.fromItem(node.rarg, [left, ...scope], ctes)];
        this.filter(node.quals, [sides, ...scope], ctes);
        if (!isObject(node.alias)) return sides;
        const joined: Columns = {
          columns: sides.flatMap((s) => s.columns),
          open: sides.some((s) => s.open),
        };
        const alias = aliasName(node) ?? "";
        return [
          {
            alias: alias.toLowerCase(),
            ...renameByPosition(this.refusals, joined, aliasColumns(node), alias),
          },
        ];
      }
      case "RangeTableSample":
        this.filter([node.args, node.repeatable], scope, ctes, false);
        return this.fromItem({ RangeVar: node.relation }, scope, ctes).map((item) => ({
          ...item,
          alias: (aliasName(node) ?? item.alias).toLowerCase(),
        }));
      default: {
        // Functions in FROM (unnest, json_to_recordset, XMLTABLE, JSON_TABLE…): arguments over a
        // masked value would come back unmasked as the function's output.
        if (this.taint(node, scope, ctes).size > 0)
          refuseExpression(this.refusals, "a function in FROM");
        return [{ alias: (aliasName(node) ?? "").toLowerCase(), columns: [], open: true }];
      }
    }
  }

  /** A relation in FROM, or (`target`) the relation a write changes, which is never a CTE. */
  private rangeVar(node: AstObject, ctes: CteMap, target = false): FromItem {
    const relation = str(node.relname) ?? "";
    const alias = (aliasName(node) ?? relation).toLowerCase();
    const cte = node.schemaname === undefined && !target ? ctes.get(relation) : undefined;
    if (cte !== undefined)
      return { alias, ...renameByPosition(this.refusals, cte, aliasColumns(node), relation) };
    const name = rangeVarName(node);
    const masked = this.masks.get(relationKey(name));
    const columns = masked === undefined ? [] : maskedColumns(masked);
    if (columns.length > 0 && aliasColumns(node).length > 0) {
      this.refusals.add(
        "masked_column_rename",
        `The column alias list on ${name} renames its columns by position, so masked columns would come back under names no masking rule covers.`,
        `Drop the column alias list and alias the columns in the select list instead (for example ${columns[0]?.name} AS other_name).`,
      );
    }
    return { alias, relation: name, columns, open: true };
  }

  /** The output columns of a target list (SELECT list or RETURNING). */
  private targets(entries: readonly unknown[], scope: Scope, ctes: CteMap): Columns {
    const output: Columns = { columns: [], open: false };
    for (const entry of entries) {
      const target = resTarget(entry);
      if (target === undefined) continue;
      const name = str(target.name);
      const value = target.val;
      const columnRef = asNode(value, "ColumnRef");
      if (columnRef !== undefined) {
        const fields = list(columnRef.fields);
        if (asNode(fields.at(-1), "A_Star") !== undefined) {
          const expanded = expandStar(
            fields.slice(0, -1).map((f) => (stringValue(f) ?? "").toLowerCase()),
            scope,
          );
          output.columns.push(...expanded.columns);
          output.open ||= expanded.open;
          continue;
        }
        const found = resolveColumn(
          fields.map((f) => (stringValue(f) ?? "").toLowerCase()),
          scope,
        );
        if (found.wholeRow && found.kinds.size > 0)
          refuseExpression(this.refusals, "a whole-row reference");
        output.columns.push({
          name: name ?? outputColumnName(value),
          kinds: found.kinds,
          nulled: found.nulled,
        });
        continue;
      }
      const subLink = asNode(value, "SubLink");
      if (subLink?.subLinkType === "EXPR_SUBLINK" || subLink?.subLinkType === "ARRAY_SUBLINK") {
        const inner = this.statement(subLink.subselect, scope, ctes);
        const first = inner.columns[0];
        const kinds = new Set(inner.columns.flatMap((column) => [...column.kinds]));
        output.columns.push({
          name: name ?? outputColumnName(value, first?.name),
          kinds,
          nulled: kinds.size > 0,
        });
        continue;
      }
      if (this.taint(value, scope, ctes).size > 0) refuseExpression(this.refusals, "an expression");
      output.columns.push({ name: name ?? outputColumnName(value), kinds: none, nulled: false });
    }
    return output;
  }

  /**
   * A WHERE, ON, GROUP BY, HAVING or ORDER BY clause. It may compare, group or order by a masked
   * value (noted: which rows match can reveal it), but not compute on it: a cast, a function or
   * an operator runs on the raw value, and its error or its side effect carries the value out.
   */
  private filter(clause: unknown, scope: Scope, ctes: CteMap, direct = true): void {
    if (clause === undefined) return;
    if (this.taint(clause, scope, ctes).size === 0) return;
    this.filtersOnMasked = true;
    this.refuseComputedUse(clause, scope, ctes, direct);
  }

  /** Refuses a masked value anywhere but as a direct operand of a comparison, grouping or ordering. */
  private refuseComputedUse(value: unknown, scope: Scope, ctes: CteMap, direct: boolean): void {
    if (Array.isArray(value)) {
      for (const item of value) this.refuseComputedUse(item, scope, ctes, direct);
      return;
    }
    if (!isObject(value)) return;
    const type = nodeType(value);
    const node = type === undefined ? value : (value[type] as AstObject);
    const visit = (child: unknown, childDirect: boolean) =>
      this.refuseComputedUse(child, scope, ctes, childDirect);
    switch (type) {
      case "ColumnRef":
        if (!direct && this.taint(value, scope, ctes).size > 0)
          refuseExpression(this.refusals, "an expression in a filter, grouping or ordering");
        return;
      case "SubLink": {
        const carries = this.taint({ SubLink: { ...node, testexpr: undefined } }, scope, ctes);
        if (!direct && node.subLinkType === "EXPR_SUBLINK" && carries.size > 0)
          refuseExpression(this.refusals, "an expression in a filter, grouping or ordering");
        visit(
          node.testexpr,
          node.subLinkType === "ANY_SUBLINK" || node.subLinkType === "ALL_SUBLINK",
        );
        return;
      }
      case "A_Expr":
        visit(node.lexpr, isLeakproofComparison(node));
        visit(node.rexpr, isLeakproofComparison(node));
        return;
      case "BoolExpr":
      case "NullTest":
      case "BooleanTest":
        visit(node.args ?? node.arg, true);
        return;
      case "SortBy":
        visit(node.node, true);
        return;
      case "GroupingSet":
        // GROUPING SETS, ROLLUP and CUBE group by their members, as GROUP BY does.
        visit(node.content, true);
        return;
      case "RowExpr":
        // A parenthesised grouping member `((a, b))` is a list of grouped columns.
        visit(node.args, direct);
        return;
      case "List":
        visit(node.items, direct);
        return;
      case "CaseExpr":
        visit(node.arg, true);
        for (const when of list(node.args)) {
          const body = asNode(when, "CaseWhen");
          visit(body?.expr, true);
          visit(body?.result, false);
        }
        visit(node.defresult, false);
        return;
      default:
        for (const key in node) visit(node[key], false);
    }
  }

  /** The mask kinds whose values an expression reads (analysing any subquery inside it). */
  taint(expression: unknown, scope: Scope, ctes: CteMap): ReadonlySet<MaskingKind> {
    const kinds = new Set<MaskingKind>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const item of value) visit(item);
        return;
      }
      if (!isObject(value)) return;
      const columnRef = asNode(value, "ColumnRef");
      if (columnRef !== undefined) {
        const fields = list(columnRef.fields);
        const path = fields.map((f) => (stringValue(f) ?? "").toLowerCase());
        const found =
          asNode(fields.at(-1), "A_Star") !== undefined
            ? {
                kinds: new Set(
                  expandStar(path.slice(0, -1), scope).columns.flatMap((c) => [...c.kinds]),
                ),
              }
            : resolveColumn(path, scope);
        for (const kind of found.kinds) kinds.add(kind);
        return;
      }
      const subLink = asNode(value, "SubLink");
      if (subLink !== undefined) {
        const inner = this.statement(subLink.subselect, scope, ctes);
        if (subLink.subLinkType !== "EXISTS_SUBLINK") {
          for (const column of inner.columns) for (const kind of column.kinds) kinds.add(kind);
        }
        visit(subLink.testexpr);
        return;
      }
      for (const child of Object.values(value)) visit(child);
    };
    visit(expression);
    return kinds;
  }
}

// The tracked columns of one relation's masking rules, built once per compiled policy.
const columnsOfRules = new WeakMap<ReadonlyMap<string, MaskingKind>, TrackedColumn[]>();

function maskedColumns(rules: ReadonlyMap<string, MaskingKind>): TrackedColumn[] {
  let columns = columnsOfRules.get(rules);
  if (columns === undefined) {
    columns = [...rules].map(([name, kind]) => ({ name, kinds: new Set([kind]), nulled: false }));
    columnsOfRules.set(rules, columns);
  }
  return columns;
}

/** Positional renaming by an alias column list; refused when masked columns cannot be placed. */
function renameByPosition(
  refusals: Refusals,
  columns: Columns,
  aliases: readonly string[],
  owner: string,
): Columns {
  if (aliases.length === 0) return columns;
  const masked = columns.columns.some((column) => column.kinds.size > 0);
  if (masked && columns.open) {
    refusals.add(
      "masked_column_rename",
      `The column alias list on ${owner} renames its columns by position, so masked columns would come back under names no masking rule covers.`,
      "Drop the column alias list and alias the columns in the select list instead.",
    );
  }
  return {
    open: columns.open,
    columns: columns.columns.map((column, i) => ({ ...column, name: aliases[i] ?? column.name })),
  };
}

/** What masked columns a map of CTEs carries, by position, to tell when a fixpoint is reached. */
function signature(ctes: CteMap): string {
  const column = (c: TrackedColumn) =>
    `${c.name}=${[...c.kinds].sort().join("+")}${c.nulled ? "!" : ""}`;
  return [...ctes].map(([name, c]) => `${name}:${c.open}:${c.columns.map(column)}`).join(";");
}

/**
 * A set operation names its columns from its first branch and takes each value from the same
 * position of every branch. When a later branch carries a masked value and the positions cannot
 * be matched (a `*` over unknown columns, or branches of different widths), it is refused.
 */
function combineSetOperation(refusals: Refusals, left: Columns, right: Columns): Columns {
  if (left.open || right.open || left.columns.length !== right.columns.length) {
    if (right.columns.some((column) => column.kinds.size > 0)) {
      refusals.add(
        "masked_column_rename",
        "A set operation takes its column names from its first branch, and a later branch carries a masked column at a position the engine cannot match to a name.",
        "List the columns of every branch explicitly, with the masked column at the same position and under the same name.",
      );
    }
    return { columns: left.columns, open: true };
  }
  return {
    open: false,
    columns: left.columns.map((column, i) => {
      const other = right.columns[i] as TrackedColumn;
      return {
        name: column.name,
        kinds: new Set([...column.kinds, ...other.kinds]),
        nulled: column.nulled || other.nulled,
      };
    }),
  };
}

/** `*` or `alias.*` in the innermost scope level. */
function expandStar(qualifier: readonly string[], scope: Scope): Columns {
  const level = scope[0] ?? [];
  const alias = qualifier.at(-1);
  const items =
    alias === undefined
      ? level
      : scope
          .flat()
          .filter((item) => item.alias === alias)
          .slice(0, 1);
  return {
    columns: items.flatMap((item) => item.columns),
    open: items.some((item) => item.open) || items.length === 0,
  };
}

/**
 * The masked sources a column reference may read. Without a catalog an unqualified name could
 * belong to any item in scope, so every candidate counts (over-reporting is the safe direction).
 */
function resolveColumn(
  path: readonly string[],
  scope: Scope,
): { kinds: ReadonlySet<MaskingKind>; nulled: boolean; wholeRow: boolean } {
  const column = path.at(-1) ?? "";
  const qualifier = path.length >= 2 ? path.at(-2) : undefined;
  const qualified =
    qualifier !== undefined &&
    scope.some((level) => level.some((item) => item.alias === qualifier));
  let kinds: Set<MaskingKind> | undefined;
  let nulled = false;
  for (const level of scope) {
    for (const item of level) {
      if (qualified && item.alias !== qualifier) continue;
      for (const candidate of item.columns) {
        if (candidate.name.toLowerCase() !== column) continue;
        kinds ??= new Set();
        for (const kind of candidate.kinds) kinds.add(kind);
        nulled ||= candidate.nulled;
      }
    }
  }
  if (kinds !== undefined) return { kinds, nulled, wholeRow: false };
  // Attribute notation: `u.row_to_json` is `row_to_json(u)` when u has no such column.
  if (qualified && acceptsWholeRow(column)) {
    const rows = scope.flat().filter((item) => item.alias === qualifier);
    const rowKinds = new Set(rows.flatMap((row) => row.columns.flatMap((c) => [...c.kinds])));
    return { kinds: rowKinds, nulled: false, wholeRow: rowKinds.size > 0 };
  }
  if (path.length === 1) {
    const rows = scope.flat().filter((item) => item.alias === column);
    const rowKinds = new Set(rows.flatMap((row) => row.columns.flatMap((c) => [...c.kinds])));
    return { kinds: rowKinds, nulled: false, wholeRow: rows.length > 0 };
  }
  return { kinds: none, nulled: false, wholeRow: false };
}

function refuseExpression(refusals: Refusals, what: string): void {
  refusals.add(
    "masked_column_expression",
    `The statement computes ${what} over a masked column; the expression would run on the raw value, and its result or its error would reveal it.`,
    "Select the masked column on its own (it comes back masked), or leave it out of the expression.",
  );
}

function refuseCopy(refusals: Refusals, into: string): void {
  refusals.add(
    "masked_column_copy",
    `The statement writes a masked column's raw value into ${into}, where no masking rule covers it.`,
    "Copy only unmasked columns, or mask the destination column too.",
  );
}
