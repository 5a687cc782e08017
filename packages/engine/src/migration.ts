import { type AstObject, asNode, isObject, list, names, rangeVarName, str } from "./ast.js";
import { functionKnowledge } from "./catalog/code-safety.js";

/**
 * Schema changes that hold a lock blocking reads or writes of a live table for as long as they
 * scan or rewrite it (the changes `migration_safety` warns about or blocks). Each is described
 * in one phrase with the safe alternative.
 */
export function lockTakingChanges(type: string, node: AstObject): string[] {
  const target = isObject(node.relation) ? rangeVarName(node.relation) : "the table";
  switch (type) {
    case "IndexStmt":
      return node.concurrent === true
        ? []
        : [
            `CREATE INDEX on ${target} blocks writes while it builds; use CREATE INDEX CONCURRENTLY`,
          ];
    case "DropStmt":
      return node.removeType === "OBJECT_INDEX" && node.concurrent !== true
        ? ["DROP INDEX locks its table; use DROP INDEX CONCURRENTLY"]
        : [];
    case "ReindexStmt":
      return hasOption(node.params, "concurrently")
        ? []
        : ["REINDEX blocks writes while it rebuilds; use REINDEX … CONCURRENTLY"];
    case "RefreshMatViewStmt":
      return node.concurrent === true
        ? []
        : ["REFRESH MATERIALIZED VIEW blocks reads of the view; use REFRESH … CONCURRENTLY"];
    case "VacuumStmt":
      return hasOption(node.options, "full")
        ? ["VACUUM FULL rewrites the table under an exclusive lock"]
        : [];
    case "ClusterStmt":
      return ["CLUSTER rewrites the table under an exclusive lock"];
    case "AlterTableStmt":
      return list(node.cmds).flatMap((cmd) =>
        alterTableHazards(asNode(cmd, "AlterTableCmd"), target),
      );
    default:
      return [];
  }
}

function alterTableHazards(cmd: AstObject | undefined, target: string): string[] {
  if (cmd === undefined) return [];
  const column = str(cmd.name);
  switch (cmd.subtype) {
    case "AT_AlterColumnType":
      return [
        `changing the type of ${target}.${column} rewrites the table under an exclusive lock`,
      ];
    case "AT_SetNotNull":
      return [
        `SET NOT NULL on ${target}.${column} scans the table under an exclusive lock; add a CHECK … NOT VALID constraint and validate it first`,
      ];
    case "AT_AddColumn":
      return addColumnHazards(asNode(cmd.def, "ColumnDef"), target);
    case "AT_AddConstraint":
      return addConstraintHazards(asNode(cmd.def, "Constraint"), target);
    default:
      return [];
  }
}

function addColumnHazards(def: AstObject | undefined, target: string): string[] {
  if (def === undefined) return [];
  const constraints = list(def.constraints).map((c) => asNode(c, "Constraint") ?? {});
  const defaultExpr = constraints.find((c) => c.contype === "CONSTR_DEFAULT")?.raw_expr;
  const column = `${target}.${str(def.colname) ?? "?"}`;
  const hazards: string[] = [];
  if (constraints.some((c) => c.contype === "CONSTR_NOTNULL") && defaultExpr === undefined) {
    hazards.push(`adding ${column} as NOT NULL without a default fails or locks a non-empty table`);
  }
  if (callsVolatile(defaultExpr)) {
    hazards.push(
      `adding ${column} with a volatile default rewrites the table under an exclusive lock`,
    );
  }
  if (constraints.some((c) => c.contype === "CONSTR_PRIMARY" || c.contype === "CONSTR_UNIQUE")) {
    hazards.push(`adding ${column} with a unique index builds it under an exclusive lock`);
  }
  return hazards;
}

function addConstraintHazards(constraint: AstObject | undefined, target: string): string[] {
  if (constraint === undefined) return [];
  const type = constraint.contype;
  if (
    (type === "CONSTR_CHECK" || type === "CONSTR_FOREIGN") &&
    constraint.skip_validation !== true
  ) {
    return [
      `adding a constraint to ${target} scans the table under a lock; add it NOT VALID, then VALIDATE CONSTRAINT`,
    ];
  }
  if (
    (type === "CONSTR_PRIMARY" || type === "CONSTR_UNIQUE") &&
    constraint.indexname === undefined
  ) {
    return [
      `adding a key to ${target} builds its index under an exclusive lock; build the index CONCURRENTLY and add the key USING INDEX`,
    ];
  }
  return [];
}

function callsVolatile(expression: unknown): boolean {
  if (expression === undefined) return false;
  const call = asNode(expression, "FuncCall");
  if (call !== undefined) {
    // Volatile in PostgreSQL's catalog, or not PostgreSQL's own (unknown, so assumed volatile).
    const parts = names(call.funcname);
    const schema = parts.length > 1 ? parts.slice(0, -1).join(".") : undefined;
    if (functionKnowledge(schema, parts.at(-1) ?? "").volatile) return true;
  }
  if (Array.isArray(expression)) return expression.some(callsVolatile);
  if (!isObject(expression)) return false;
  return Object.values(expression).some(callsVolatile);
}

function hasOption(options: unknown, name: string): boolean {
  return list(options).some((option) => {
    const def = asNode(option, "DefElem");
    return str(def?.defname) === name && asNode(def?.arg, "Boolean")?.boolval !== false;
  });
}
