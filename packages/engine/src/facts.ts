import {
  type AstObject,
  asNode,
  isObject,
  isRangeVar,
  list,
  names,
  rangeVarName,
  str,
} from "./ast.js";
import { functionKnowledge, operatorKnowledge } from "./catalog/code-safety.js";
import { type CodeUse, codeUsesOf } from "./code-uses.js";
import { lockTakingChanges } from "./migration.js";
import { hasNodeRule } from "./node-rules.js";
import {
  type RelationReference,
  relationReference,
  uniqueReferences,
} from "./relation-reference.js";
import {
  copyEffect,
  kindOfNode,
  mergeActionKind,
  type StatementClass,
  type StatementEffect,
} from "./statement-kinds.js";
import { walkTree } from "./walk.js";

/** One INSERT, UPDATE, DELETE or MERGE inside a statement. */
export interface WriteFact {
  kind: StatementClass;
  relation: string;
  /** An UPDATE or DELETE with no WHERE clause: its row count cannot be bounded. */
  whereless: boolean;
  /** Inside a WITH clause (a data-modifying CTE) rather than the statement itself. */
  inCte: boolean;
  /** The write's own parse node. */
  node: AstObject;
}

/** What one parsed statement is and does, independent of any policy. */
export interface StatementFacts {
  /** The parser's node type of the statement (`SelectStmt`, `DropStmt`, …). */
  type: string;
  /** The statement's own kind. */
  kind: StatementClass;
  /** Its kind plus the kinds of writes it runs inside (data-modifying CTEs, EXPLAIN ANALYZE). */
  kinds: StatementClass[];
  /** The strongest effect of running it. */
  effect: StatementEffect;
  relations: RelationReference[];
  writes: WriteFact[];
  /** SELECT … FOR UPDATE / FOR SHARE somewhere in the statement. */
  locking: boolean;
  /** Why the statement destroys data or schema outright (DROP TABLE, TRUNCATE, DROP COLUMN). */
  destructive: string | undefined;
  /** Schema changes that hold a blocking lock on a live table (see `lockTakingChanges`). */
  lockTaking: string[];
  /** True for EXPLAIN without ANALYZE: the inner statement is planned, never run. */
  planOnly: boolean;
  /** The statement whose rows reach the client (the inner statement of EXPLAIN, PREPARE…). */
  body: { type: string; node: AstObject };
  /** Every function, operator and type the statement names (calls, operators, casts). */
  code: CodeUse[];
  /** Functions and operators not known to be read-only (PostgreSQL's catalog, see `catalog/`). */
  writingCalls: string[];
  /** The first parse node type the engine has no rule for, if any (see `node-rules.ts`). */
  unsupported: string | undefined;
  /** Settings the statement changes: by SET, set_config or ALTER … SET; `*` when not constant. */
  settings: SettingChange[];
}

/** A setting a statement changes; `*` when the name is not a constant (or every setting). */
export interface SettingChange {
  name: string;
  value: string | undefined;
  /** RESET, SET … TO DEFAULT or DISCARD: back to the default, which cannot change lexing. */
  reset?: boolean;
}

const effectRank: Record<StatementEffect, number> = { read: 0, session: 1, write: 2, ddl: 3 };

const tableLikeDrops = new Set([
  "OBJECT_TABLE",
  "OBJECT_VIEW",
  "OBJECT_MATVIEW",
  "OBJECT_FOREIGN_TABLE",
  "OBJECT_SEQUENCE",
]);
const destructiveDrops = new Set([
  "OBJECT_TABLE",
  "OBJECT_SCHEMA",
  "OBJECT_MATVIEW",
  "OBJECT_FOREIGN_TABLE",
]);
const writeTargets = new Set(["InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"]);
const ddlTargetKeys = new Set(["relation", "relations", "view", "sequence", "rel"]);

/** Collects the facts of one statement node (`{ SelectStmt: {...} }`). */
export function statementFacts(statement: AstObject): StatementFacts {
  const [type, node] = Object.entries(statement)[0] as [string, AstObject];
  const inner = innerStatement(type, node);
  if (inner !== undefined) {
    const facts = statementFacts(inner.statement);
    return type === "ExplainStmt" ? explainFacts(facts, isAnalyze(node)) : facts;
  }
  const own = kindOfNode(type);
  const references: RelationReference[] = [];
  const writes: WriteFact[] = [];
  const kinds = new Set<StatementClass>([own.kind]);
  let effect: StatementEffect = own.effect;
  let locking = false;

  if (type === "MergeStmt") kinds.clear();
  // COPY FROM writes rows; COPY TO a server file or a PROGRAM writes outside the database.
  if (type === "CopyStmt")
    effect = copyEffect(
      node.is_from === true || node.filename !== undefined || node.is_program === true,
    );
  if (type === "SelectStmt" && isObject(node.intoClause)) {
    kinds.clear();
    kinds.add("ddl");
    effect = "ddl";
  }

  const code: CodeUse[] = [];
  let unsupported = hasNodeRule(type) ? undefined : type;
  const settings: SettingChange[] = [];
  walkTree(statement, (object, place, objectType) => {
    if (objectType !== undefined) {
      if (unsupported === undefined && !hasNodeRule(objectType)) unsupported = objectType;
      for (const use of codeUsesOf(objectType, object)) code.push(use);
    }
    if (objectType === "FuncCall" && builtinName(object.funcname) === "set_config")
      settings.push(setConfigSetting(object.args));
    // ALTER ROLE/DATABASE … SET hold their SET bare, under `setstmt`.
    if (objectType === "VariableSetStmt" || (objectType === undefined && place.key === "setstmt"))
      settings.push(variableSetting(object));
    if (objectType === "DiscardStmt") settings.push({ name: "*", value: undefined, reset: true });
    if (objectType !== undefined && writeTargets.has(objectType)) {
      const write = writeFact(objectType, object, object !== node);
      writes.push(write);
      for (const kind of writeKinds(objectType, object)) kinds.add(kind);
      if (effectRank[effect] < effectRank.write) effect = "write";
    }
    const lockingClause = object.lockingClause;
    if (Array.isArray(lockingClause) && lockingClause.length > 0) locking = true;
    if (objectType === "DropStmt" && tableLikeDrops.has(str(object.removeType) ?? "")) {
      for (const name of list(object.objects).map((o) => names(asNode(o, "List")?.items))) {
        references.push(relationReference(name.join("."), "write"));
      }
    }
    if (isRangeVar(object)) {
      const relation = str(object.relname) ?? "";
      const isCte =
        object.schemaname === undefined &&
        place.ctes.has(relation) &&
        !(place.key === "relation" && writeTargets.has(place.owner ?? ""));
      if (!isCte) references.push(relationReference(rangeVarName(object), modeAt(place, node)));
    }
    return undefined;
  });

  const writingCalls = code.filter((use) => !knownReadOnly(use)).map(describeUse);
  if (writingCalls.length > 0 && effectRank[effect] < effectRank.write) effect = "write";
  const allKinds = [...kinds];
  return {
    type,
    // The first kind seen: the statement's own, SELECT INTO's ddl, or a MERGE's first action.
    kind: allKinds[0] ?? own.kind,
    kinds: allKinds,
    effect,
    relations: uniqueReferences(references),
    writes,
    locking,
    destructive: destructiveChange(type, node),
    lockTaking: lockTakingChanges(type, node),
    planOnly: false,
    body: { type, node },
    code,
    writingCalls,
    unsupported,
    settings,
  };
}

/** True when PostgreSQL's catalog says running this use changes nothing (types always qualify). */
function knownReadOnly(use: CodeUse): boolean {
  if (use.what === "type") return true;
  const knowledge =
    use.what === "function"
      ? functionKnowledge(use.schema, use.name)
      : operatorKnowledge(use.schema, use.name);
  return knowledge.readOnly;
}

/** A use as a message names it: `f()`, `OPERATOR(=)`. */
export function describeUse(use: CodeUse): string {
  const name = use.schema === undefined ? use.name : `${use.schema}.${use.name}`;
  if (use.what === "function") return `${name}()`;
  return use.what === "operator" ? `operator ${name}` : `type ${name}`;
}

/** The name of a function call when it may be a built-in one (unqualified or pg_catalog). */
function builtinName(funcname: unknown): string | undefined {
  const parts = names(funcname);
  const schema = parts.length >= 2 ? parts.at(-2) : undefined;
  if (schema !== undefined && schema !== "pg_catalog") return undefined;
  return parts.at(-1)?.toLowerCase();
}

/** The text of a constant argument, or undefined when it is not a constant. */
function constantText(value: unknown): string | undefined {
  const constant = asNode(value, "A_Const") ?? asNode(asNode(value, "TypeCast")?.arg, "A_Const");
  return isObject(constant?.sval) ? str(constant.sval.sval) : undefined;
}

function setConfigSetting(args: unknown): SettingChange {
  const [name, value] = list(args);
  return { name: constantText(name)?.toLowerCase() ?? "*", value: constantText(value) };
}

/** A SET's setting and value; RESET and SET … TO DEFAULT restore the default. */
function variableSetting(node: AstObject): SettingChange {
  const kind = str(node.kind);
  const name = (str(node.name) ?? "*").toLowerCase();
  if (kind !== "VAR_SET_VALUE" && kind !== "VAR_SET_CURRENT" && kind !== "VAR_SET_MULTI")
    return { name: kind === "VAR_RESET_ALL" ? "*" : name, value: undefined, reset: true };
  const values = list(node.args).map(constantText);
  return { name, value: values.length === 1 ? values[0] : undefined };
}

/** Whether a relation reached at `place` is read or changed. */
function modeAt(
  place: { owner: string | undefined; key: string | undefined },
  top: AstObject,
): "read" | "write" {
  const { owner, key } = place;
  if (owner === undefined || key === undefined) return "read";
  if (key === "rel") return "write"; // SELECT … INTO and CREATE TABLE … AS targets
  if (writeTargets.has(owner) && key === "relation") return "write";
  if (owner === "CopyStmt") return top.is_from === true ? "write" : "read";
  return kindOfNode(owner).effect === "ddl" && ddlTargetKeys.has(key) ? "write" : "read";
}

/**
 * The kinds one write runs as: a MERGE runs as each of its WHEN actions, and INSERT … ON
 * CONFLICT DO UPDATE as an insert and an update (it reads and changes the existing row).
 */
function writeKinds(type: string, node: AstObject): StatementClass[] {
  if (type === "InsertStmt" && isObject(node.onConflictClause))
    return node.onConflictClause.action === "ONCONFLICT_UPDATE" ? ["insert", "update"] : ["insert"];
  if (type !== "MergeStmt") return [kindOfNode(type).kind];
  return list(node.mergeWhenClauses).map((clause) =>
    mergeActionKind(asNode(clause, "MergeWhenClause")?.commandType),
  );
}

function writeFact(type: string, node: AstObject, inCte: boolean): WriteFact {
  const relation = isObject(node.relation) ? rangeVarName(node.relation) : "";
  const kind = kindOfNode(type).kind;
  const bounded = type === "InsertStmt" || type === "MergeStmt" || node.whereClause !== undefined;
  return { kind, relation, whereless: !bounded, inCte, node };
}

const wrappers = new Set(["ExplainStmt", "PrepareStmt", "DeclareCursorStmt"]);

/** The statement inside EXPLAIN, PREPARE and DECLARE CURSOR, judged as that statement. */
function innerStatement(type: string, node: AstObject): { statement: AstObject } | undefined {
  return wrappers.has(type) && isObject(node.query) ? { statement: node.query } : undefined;
}

function isAnalyze(explain: AstObject): boolean {
  return list(explain.options).some((option) => {
    const def = asNode(option, "DefElem");
    if (str(def?.defname) !== "analyze") return false;
    const arg = def?.arg;
    if (arg === undefined) return true;
    const boolean = asNode(arg, "Boolean");
    if (boolean !== undefined) return boolean.boolval === true;
    const text = str(asNode(arg, "String")?.sval)?.toLowerCase();
    return text === undefined || !["false", "off", "0", "no"].includes(text);
  });
}

/** EXPLAIN: the inner statement's relations always count; its writes only when ANALYZE runs it. */
function explainFacts(inner: StatementFacts, analyze: boolean): StatementFacts {
  if (analyze)
    return { ...inner, type: "ExplainStmt", kind: "explain", kinds: ["explain", ...inner.kinds] };
  return {
    ...inner,
    type: "ExplainStmt",
    kind: "explain",
    kinds: ["explain"],
    effect: "read",
    relations: inner.relations.map((reference) => ({ ...reference, mode: "read" as const })),
    writes: [],
    locking: false,
    destructive: undefined,
    lockTaking: [],
    planOnly: true,
  };
}

/** Why a statement destroys data or schema, or undefined when it does not. */
function destructiveChange(type: string, node: AstObject): string | undefined {
  if (type === "TruncateStmt") return "TRUNCATE removes every row";
  if (type === "DropdbStmt") return "DROP DATABASE removes a database";
  if (type === "DropStmt" && destructiveDrops.has(str(node.removeType) ?? "")) {
    const what = (str(node.removeType) ?? "")
      .replace("OBJECT_", "")
      .replace("_", " ")
      .toLowerCase();
    return `DROP ${what.toUpperCase()} removes the ${what} and its data`;
  }
  if (type === "AlterTableStmt") {
    const drops = list(node.cmds).some(
      (cmd) => asNode(cmd, "AlterTableCmd")?.subtype === "AT_DropColumn",
    );
    if (drops) return "ALTER TABLE … DROP COLUMN removes a column and its data";
  }
  return undefined;
}
