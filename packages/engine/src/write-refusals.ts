import { relationName } from "@pgbeam/policies-validators";
import { type AstObject, asNode, list, names, str } from "./ast.js";
import { resTarget } from "./column-name.js";
import type { Refusal } from "./decision.js";
import type { StatementFacts } from "./facts.js";
import type { PolicyIndex } from "./policy.js";

/**
 * Writes to server configuration and system catalogs: ALTER SYSTEM, and INSERT/UPDATE/DELETE on a
 * pg_catalog relation (`UPDATE pg_settings SET setting = …` is a `set_config` the settings rules
 * cannot read). Refused under every policy: they change how later statements are read.
 */
export function catalogWriteRefusal(facts: StatementFacts): Refusal | undefined {
  const written = facts.relations.find((reference) => {
    if (reference.mode !== "write") return false;
    const { schema, relation } = relationName(reference.name);
    return (
      schema === "pg_catalog" ||
      schema === "information_schema" ||
      (schema === undefined && relation.startsWith("pg_"))
    );
  });
  if (facts.body.type !== "AlterSystemStmt" && written === undefined) return undefined;
  return {
    rule: "catalog_write",
    reason:
      written === undefined
        ? "ALTER SYSTEM changes the server's configuration, which changes how later statements are read and judged."
        : `The statement writes ${written.name}, a system catalog or view: it changes settings or schema behind the policy's back.`,
    hint: "Change server settings and catalogs outside agent sessions.",
  };
}

/**
 * A write whose failure would print the whole row: PostgreSQL's NOT NULL, check and exclusion
 * errors say `Failing row contains (…)` with every column, masked ones included, and key errors
 * print the key. On a table with masked columns, INSERT, MERGE, COPY FROM and any UPDATE that
 * assigns anything but a column's own value are refused; DELETE (whose errors print only a
 * referencing key) and `SET col = col` are not.
 */
export function rowImageRefusal(facts: StatementFacts, policy: PolicyIndex): Refusal | undefined {
  if (policy.masks.size === 0) return undefined;
  const { type, node } = facts.body;
  const target = facts.writes.find(
    (write) =>
      write.kind !== "delete" &&
      policy.masks.has(facts.relations.find((r) => r.name === write.relation)?.key ?? "") &&
      !(write.kind === "update" && assignsOnlyItself(write.node)),
  );
  const copied =
    type === "CopyStmt" &&
    node.is_from === true &&
    facts.relations.some((r) => r.mode === "write" && policy.masks.has(r.key));
  if (target === undefined && !copied) return undefined;
  const relation = target?.relation ?? "the target";
  return {
    rule: "masked_row_image",
    reason: `The statement writes ${relation}, which has masked columns; if it fails a NOT NULL, check, key or exclusion constraint, PostgreSQL's error shows the whole row, masked values included.`,
    hint: "Write tables with masked columns through a reviewed path, or ask for the mask to be lifted for this credential.",
  };
}

/** An UPDATE whose every assignment is `column = column` (the same column): it cannot newly fail. */
function assignsOnlyItself(update: AstObject): boolean {
  const targets = list(update.targetList);
  return (
    targets.length > 0 &&
    targets.every((entry) => {
      const target = resTarget(entry);
      const value = names(asNode(target?.val, "ColumnRef")?.fields);
      return (
        target?.indirection === undefined && value.length === 1 && value[0] === str(target?.name)
      );
    })
  );
}
