import { relationKey, relationName } from "@pgbeam/policies-validators";
import { type AstObject, asNode, isObject, list, names, rangeVarName, str } from "./ast.js";
import { mayChangeSetting } from "./catalog/session-settings.js";
import { codeRefusal } from "./code-refusal.js";
import type { Refusal } from "./decision.js";
import type { StatementFacts } from "./facts.js";
import { nameResolutionSettings, statisticsRelations } from "./function-names.js";
import type { PolicyIndex } from "./policy.js";
import { userCodeRefusal } from "./stored-code.js";

const unicode = new Set(["utf8", "utf-8", "unicode"]);

/**
 * Refusals for statements that get around the policy rather than through it: SQL passed as a
 * string, code the engine cannot read, settings that change what the next statement means,
 * sampled values in statistics views, and schema changes aimed at a protected relation.
 * Only a policy that keeps something in (a table list, a mask, a row filter) has anything to
 * get around, except for the lexing settings, which break every later judgement.
 */
export function hazardRefusal(facts: StatementFacts, policy: PolicyIndex): Refusal | undefined {
  for (const setting of facts.settings) {
    const restrictive = policy.protects || policy.profile.access_mode === "read_only";
    const refused =
      setting.reset === true ? undefined : settingRefusal(setting, policy.protects, restrictive);
    if (refused !== undefined) return refused;
    const input = rowFilterInputRefusal(setting.name, policy);
    if (input !== undefined) return input;
  }
  const inputWritten = facts.relations.find(
    (reference) =>
      reference.mode === "write" && policy.rowFilterInputs.relations.has(reference.key),
  );
  if (inputWritten !== undefined) {
    return {
      rule: "row_filter_input",
      reason: `The statement changes ${inputWritten.name}, which a row filter's predicate reads: changing it would change which rows the filter lets through.`,
      hint: "Change the tables row filters read through a reviewed path, not an agent session.",
    };
  }
  const code = codeRefusal(facts, policy);
  if (code !== undefined) return code;
  if (!policy.protects) return undefined;
  const statistics = facts.relations.find((reference) => {
    if (!reference.key.startsWith("pg_")) return false; // every candidate is pg_… or pg_catalog.…
    const { schema, relation } = relationName(reference.name);
    return (schema === undefined || schema === "pg_catalog") && statisticsRelations.has(relation);
  });
  if (statistics !== undefined) {
    return {
      rule: "statistics_view",
      reason: `${statistics.name} holds sampled column values (most common values, histograms), which would bypass masking, row filters and table lists.`,
      hint: "Read the tables themselves, under the policy.",
    };
  }
  const opaque = opaqueCode(facts.body.type, facts.body.node);
  if (opaque !== undefined) {
    return {
      rule: "opaque_code",
      reason: `The statement holds ${opaque}, code PgBeam cannot read, so what it reads or writes cannot be checked against the policy.`,
      hint: "Run the statements themselves, or write the function body as BEGIN ATOMIC … END.",
    };
  }
  const rowType = maskedRowParameter(facts.body.type, facts.body.node, policy);
  if (rowType !== undefined) {
    return {
      rule: "masked_column_expression",
      reason: `The function takes a whole row of ${rowType}, which has masked columns; called as ${rowType}.function it would see their raw values.`,
      hint: "Pass the function the unmasked columns it needs instead of the whole row.",
    };
  }
  const userCode = userCodeRefusal(facts, policy);
  if (userCode !== undefined) return userCode;
  if (policy.masks.size > 0 && validatesDomain(facts.body.type, facts.body.node)) {
    return {
      rule: "masked_column_expression",
      reason:
        "Adding a validated constraint to a domain checks every stored value of that type, and a masked column may be one of them: the check's error would print its value.",
      hint: "Add the domain constraint NOT VALID, or change domains through a reviewed migration.",
    };
  }
  const moved = protectedRename(facts.body.type, facts.body.node, policy);
  if (moved !== undefined) {
    return {
      rule: "protected_relation_rename",
      reason: `The statement renames or moves ${moved}, so the policy's rules would stop matching it.`,
      hint: "Change the schema together with the policy, through a reviewed migration.",
    };
  }
  return undefined;
}

/** A change of a setting a row filter's predicate reads (by current_setting or otherwise). */
function rowFilterInputRefusal(name: string, policy: PolicyIndex): Refusal | undefined {
  const read = policy.rowFilterInputs.settings;
  if (read.size === 0) return undefined;
  if (!read.has("*") && name !== "*" && !read.has(name)) return undefined;
  return {
    rule: "row_filter_input",
    reason: `The statement changes ${name === "*" ? "settings it does not name" : `the setting ${name}`}, which a row filter's predicate reads: the filter would let through other rows.`,
    hint: "Leave the settings row filters read alone; the proxy sets them for the session.",
  };
}

function settingRefusal(
  setting: { name: string; value: string | undefined },
  protects: boolean,
  restrictive: boolean,
): Refusal | undefined {
  const { name, value } = setting;
  const lexing =
    (name === "standard_conforming_strings" &&
      !["on", "true", "1", "yes"].includes(value?.toLowerCase() ?? "")) ||
    (name === "client_encoding" && !unicode.has(value?.toLowerCase() ?? "")) ||
    name === "backslash_quote";
  if (lexing || (protects && (name === "*" || nameResolutionSettings.has(name)))) {
    return {
      rule: "session_setting",
      reason:
        name === "*"
          ? "The statement changes a setting whose name is not a constant, which may change how later statements are read."
          : `Changing ${name} changes how PostgreSQL reads later statements (${name === "search_path" ? "which schema an unqualified name means" : "how strings are lexed"}), so they would no longer mean what the policy judged.`,
      hint: "Qualify names with their schema instead of changing search_path; keep standard_conforming_strings on and the client encoding UTF8.",
    };
  }
  // The lexing settings were judged above, by their value.
  const judgedByValue = name === "standard_conforming_strings" || name === "client_encoding";
  if (restrictive && name !== "*" && !judgedByValue && !mayChangeSetting(name)) {
    return {
      rule: "session_setting",
      reason: `The statement changes ${name}, a setting that does more than shape the session's formatting and planning (PostgreSQL's catalog puts it outside the reviewed categories), and the policy restricts the session.`,
      hint: "Change only formatting, planner and memory settings (TimeZone, statement_timeout, work_mem, enable_*…) or custom prefix.name settings.",
    };
  }
  return undefined;
}

/** The masked relation whose row type a new function takes as a parameter, if any. */
function maskedRowParameter(
  type: string,
  node: AstObject,
  policy: PolicyIndex,
): string | undefined {
  if (type !== "CreateFunctionStmt" || policy.masks.size === 0) return undefined;
  for (const parameter of list(node.parameters)) {
    const argType = asNode(parameter, "FunctionParameter")?.argType;
    const name = names(isObject(argType) ? argType.names : undefined).join(".");
    if (name !== "" && policy.masks.has(relationKey(name))) return name;
  }
  return undefined;
}

/** ALTER DOMAIN … ADD CONSTRAINT without NOT VALID, which checks every stored value. */
function validatesDomain(type: string, node: AstObject): boolean {
  if (type !== "AlterDomainStmt") return false;
  if (node.subtype === "V") return true; // VALIDATE CONSTRAINT checks every stored value
  if (node.subtype !== "C") return false;
  return asNode(node.def, "Constraint")?.skip_validation !== true;
}

/** DO blocks and function bodies given as strings: code the parser does not open. */
function opaqueCode(type: string, node: AstObject): string | undefined {
  if (type === "DoStmt") return "a DO block";
  if (type === "CreateFunctionStmt" && node.sql_body === undefined) {
    const body = list(node.options).some((o) => str(asNode(o, "DefElem")?.defname) === "as");
    if (body) return "a function body written as a string";
  }
  return undefined;
}

/** The protected relation or schema a RENAME or SET SCHEMA moves, if it moves one. */
function protectedRename(type: string, node: AstObject, policy: PolicyIndex): string | undefined {
  if (type !== "RenameStmt" && type !== "AlterObjectSchemaStmt") return undefined;
  const objectType = str(type === "RenameStmt" ? node.renameType : node.objectType);
  if (objectType === "OBJECT_SCHEMA") {
    const schema =
      str(node.subname) ?? names(asNode(node.object, "String") ? [node.object] : []).at(0);
    return `schema ${schema ?? "?"}`;
  }
  if (!isObject(node.relation) || objectType === "OBJECT_COLUMN") return undefined;
  const relation = rangeVarName(node.relation);
  const key = relationKey(relation);
  // A masked relation's rename is refused by masking itself (masked_column_rename).
  const rules = policy.rowFilters.has(key) || policy.lists.denies(relation);
  return rules && !policy.masks.has(key) ? relation : undefined;
}
