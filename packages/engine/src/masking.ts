import type { MaskedColumn, MaskingKind } from "@pgbeam/policies-types";
import { relationKey } from "@pgbeam/policies-validators";
import {
  type AstObject,
  asNode,
  isObject,
  list,
  names,
  rangeVarName,
  str,
  stringValue,
} from "./ast.js";
import { type Refusal, Refusals } from "./decision.js";
import type { StatementFacts } from "./facts.js";
import { type MaskIndex, ProvenanceAnalysis } from "./provenance.js";

/** What masking makes of one statement: the columns reported masked, and any caveat. */
export interface MaskingOutcome {
  columns: MaskedColumn[];
  /** True when a filter, join or ordering reads a masked value. */
  filtersOnMasked: boolean;
  /** Set when a shape would leak a masked value: the statement is refused. */
  refusal?: Refusal;
}

const rowReturning = new Set(["SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"]);

/**
 * Applies the masking rules to one statement, in PgBeam's two passes: every masked column of
 * every relation touched (under its own name), then every output column that carries a masked
 * value (under its output name; `null` when it passed through a scalar subquery). The shapes
 * that would leak a masked value come back as a refusal.
 */
export function applyMasking(facts: StatementFacts, masks: MaskIndex): MaskingOutcome {
  const refusals = new Refusals();
  const outcome = maskingOf(facts, masks, refusals);
  return refusals.first === undefined ? outcome : { ...outcome, refusal: refusals.first };
}

function maskingOf(facts: StatementFacts, masks: MaskIndex, refusals: Refusals): MaskingOutcome {
  // Every masking outcome starts at a masked relation the statement reaches.
  const touchesMasked = facts.relations.some((reference) => masks.has(reference.key));
  if (!touchesMasked) return { columns: [], filtersOnMasked: false };
  // EXPLAIN is judged as its statement (planning folds constants and may evaluate code), but it
  // returns a plan, not rows: nothing comes back masked.
  if (facts.planOnly) {
    const judged = maskingOf({ ...facts, planOnly: false }, masks, refusals);
    return { columns: [], filtersOnMasked: judged.filtersOnMasked };
  }
  const { type, node } = facts.body;
  refuseSchemaAttacks(type, node, masks, refusals);
  const analysis = new ProvenanceAnalysis(masks, refusals);
  const found = new Map<string, MaskedColumn>();
  const add = (column: string, kind: MaskingKind) =>
    found.set(`${column}:${kind}`, { column, kind });

  if (type === "CopyStmt") refuseMaskedCopy(node, masks, analysis);
  if (type === "RuleStmt" || type === "CreateFunctionStmt") {
    refuseStoredCopies(node, analysis);
    return { columns: [], filtersOnMasked: analysis.filtersOnMasked };
  }
  if (type === "CreateTableAsStmt" || type === "ViewStmt" || isObject(node.intoClause)) {
    const output = analysis.statement(type === "SelectStmt" ? { SelectStmt: node } : node.query);
    if (output.columns.some((column) => column.kinds.size > 0)) {
      refusals.add(
        "masked_column_copy",
        "The statement stores a masked column's raw value in a new relation, where no masking rule covers it.",
        "Leave masked columns out of the new relation, or add masking rules for it.",
      );
    }
    return { columns: [], filtersOnMasked: analysis.filtersOnMasked };
  }
  if (!rowReturning.has(type)) return { columns: [], filtersOnMasked: false };

  for (const reference of facts.relations) {
    for (const [column, kind] of masks.get(reference.key) ?? []) add(column, kind);
  }
  const output = analysis.statement({ [type]: node });
  for (const column of output.columns) {
    for (const kind of column.kinds) add(column.name, column.nulled ? "null" : kind);
  }
  return { columns: [...found.values()], filtersOnMasked: analysis.filtersOnMasked };
}

/**
 * A rule's actions and a function's parsed body (BEGIN ATOMIC, RETURN) run later, outside any
 * statement the engine judges: refused when they return or store a masked value.
 */
function refuseStoredCopies(node: AstObject, analysis: ProvenanceAnalysis): void {
  const refusals = analysis.refusals;
  const body = node.sql_body;
  const statements = [
    ...list(node.actions),
    ...list(asNode(body, "List")?.items).flatMap((item) => list(asNode(item, "List")?.items)),
  ];
  const returned = asNode(body, "ReturnStmt")?.returnval;
  const carries =
    statements.some((statement) =>
      analysis.statement(statement).columns.some((column) => column.kinds.size > 0),
    ) ||
    (returned !== undefined && analysis.taint(returned, [], new Map()).size > 0);
  if (carries) {
    refusals.add(
      "masked_column_copy",
      "The statement stores code (a rule or a function body) that returns or copies a masked column's raw value, and it would run where no masking rule applies.",
      "Leave masked columns out of rules and function bodies.",
    );
  }
}

/** COPY bypasses result masking, so copying out a masked relation or query is refused. */
function refuseMaskedCopy(node: AstObject, masks: MaskIndex, analysis: ProvenanceAnalysis): void {
  const refusals = analysis.refusals;
  if (node.is_from === true) return;
  const relation = isObject(node.relation) ? rangeVarName(node.relation) : undefined;
  const copied = list(node.attlist).map((column) => (stringValue(column) ?? "").toLowerCase());
  const columns = relation === undefined ? undefined : masks.get(relationKey(relation));
  const masked =
    relation !== undefined
      ? columns !== undefined &&
        (copied.length === 0 || copied.some((column) => columns.has(column)))
      : analysis.statement(node.query).columns.some((column) => column.kinds.size > 0);
  if (masked) {
    refusals.add(
      "masked_column_copy",
      "COPY sends rows out without result masking, and they include a masked column.",
      "Use a SELECT (masked columns come back masked) or COPY only unmasked columns.",
    );
  }
}

/**
 * Schema changes that attack a masking rule rather than read through it: renaming a masked
 * column or its table, and naming a masked column in an index, constraint, generated column or
 * USING expression, which the server evaluates over every stored value.
 */
function refuseSchemaAttacks(
  type: string,
  node: AstObject,
  masks: MaskIndex,
  refusals: Refusals,
): void {
  const relation = isObject(node.relation) ? rangeVarName(node.relation) : undefined;
  const masked = relation === undefined ? undefined : masks.get(relationKey(relation));
  if (relation === undefined || masked === undefined) return;
  const isMasked = (column: unknown) =>
    typeof column === "string" && masked.has(column.toLowerCase());
  if (type === "RenameStmt" || type === "AlterObjectSchemaStmt") {
    const renamesColumn = node.renameType === "OBJECT_COLUMN";
    if (!renamesColumn || isMasked(node.subname)) {
      refusals.add(
        "masked_column_rename",
        `The statement renames or moves ${renamesColumn ? `masked column ${relation}.${str(node.subname)}` : `${relation}, which has masked columns`}, so the masking rules would stop matching it.`,
        "Change the masking rules together with the schema, through the policy, not from an agent session.",
      );
    }
    return;
  }
  const readsMasked = (value: unknown): boolean => mentionsColumn(value, isMasked);
  const attacks =
    (type === "IndexStmt" && (readsMasked(node.indexParams) || readsMasked(node.whereClause))) ||
    (type === "AlterTableStmt" &&
      list(node.cmds).some((cmd) => {
        const body = asNode(cmd, "AlterTableCmd");
        const def = body?.def;
        // Any type change converts every stored value, and a failed conversion prints it.
        const retypesMasked = body?.subtype === "AT_AlterColumnType" && isMasked(body.name);
        return readsMasked(def) || retypesMasked;
      }));
  if (attacks) {
    refusals.add(
      "masked_column_expression",
      `The statement makes the server evaluate a definition over masked columns of ${relation}, which reveals their values through its result or its errors.`,
      "Leave masked columns out of index, constraint and column definitions.",
    );
  }
}

/** True when a definition names a column for which `isMasked` holds. */
function mentionsColumn(value: unknown, isMasked: (column: unknown) => boolean): boolean {
  if (Array.isArray(value)) return value.some((item) => mentionsColumn(item, isMasked));
  if (!isObject(value)) return false;
  const columnRef = asNode(value, "ColumnRef");
  if (columnRef !== undefined) return isMasked(names(columnRef.fields).at(-1));
  const indexElem = asNode(value, "IndexElem");
  if (indexElem !== undefined && isMasked(indexElem.name)) return true;
  const constraint = asNode(value, "Constraint");
  if (
    constraint !== undefined &&
    [...names(constraint.keys), ...names(constraint.fk_attrs)].some(isMasked)
  )
    return true;
  return Object.values(value).some((child) => mentionsColumn(child, isMasked));
}
