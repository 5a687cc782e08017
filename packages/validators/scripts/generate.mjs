// Generates the precompiled validators and their metadata from the bundled spec:
//   src/generated/check.gen.ts       Ajv standalone code: one check function per schema
//   src/generated/validators.gen.ts  validateX / isX / assertX and schemas.X for every schema
//   src/generated/operations.gen.ts  each operation's method, path, body and response schemas
//   src/generated/spec-facts.gen.ts  defaults, exclusive field groups and statement kinds
// With --check, writes nothing and fails when a committed file differs from what would be written.
// Runs under tsx: the spec comes from @pgbeam/codegen's one reader, the files go out through its
// one write-or-check helper.
import { fileURLToPath } from "node:url";
import { generatedHeader, readSpec, resolveRef, writeGenerated } from "@pgbeam/codegen";
import { _ } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { fullFormats } from "ajv-formats/dist/formats.js";

const spec = readSpec().document;
const header = generatedHeader("scripts/generate.mjs");
const annotations = new Set(["description", "examples", "example", "title", "default", "summary"]);

/** Drops prose and examples (they do not affect validation) and points refs at $defs. */
function forValidation(schema) {
  if (Array.isArray(schema)) return schema.map(forValidation);
  if (schema === null || typeof schema !== "object") return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    // Extensions (`x-extensible-enum`, …) are annotations too: the known values of an open enum
    // inform the types and the linter, and any string stays valid.
    if (annotations.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref") out.$ref = value.replace("#/components/schemas/", "#/$defs/");
    else if (key === "allOf") out.allOf = withoutRepeatedProperties(value.map(forValidation));
    else if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, forValidation(v)]),
      );
    } else out[key] = forValidation(value);
  }
  return out;
}

/**
 * An allOf whose later branch re-declares a field with the same schema as an earlier branch (as
 * PolicyProfile restates PolicyProfileInput's lists to require them) checks that field twice.
 * The later declaration adds nothing (the earlier branch already checks and evaluates the field),
 * so it is dropped; its `required` stays.
 */
function withoutRepeatedProperties(branches) {
  const declared = new Map(); // field name → its schema as JSON, from the first branch declaring it
  const declare = (properties) => {
    for (const [name, schema] of Object.entries(properties)) {
      if (!declared.has(name)) declared.set(name, JSON.stringify(schema));
    }
  };
  return branches.map((branch) => {
    if (branch.$ref) {
      const target = resolve({ $ref: branch.$ref.replace("#/$defs/", "#/components/schemas/") });
      declare(forValidation(target).properties ?? {});
      return branch;
    }
    if (!branch.properties) return branch;
    const kept = Object.fromEntries(
      Object.entries(branch.properties).filter(
        ([name, schema]) => declared.get(name) !== JSON.stringify(schema),
      ),
    );
    declare(branch.properties);
    return { ...branch, properties: kept };
  });
}

/** PolicyProfile's required array fields that PolicyProfileInput does not require. */
function storedLists() {
  const input = spec.components.schemas.PolicyProfileInput;
  const saved = spec.components.schemas.PolicyProfile.allOf.find((branch) => !branch.$ref);
  return (saved.required ?? []).filter((field) => {
    if ((input.required ?? []).includes(field)) return false;
    const schema = resolve(saved.properties?.[field] ?? input.properties[field]);
    return schema?.type === "array";
  });
}

function resolve(node) {
  return node?.$ref ? resolveRef(spec, node) : node;
}

/** Field groups of every oneOf in the spec whose branches each require one field. */
function exclusiveGroups() {
  const groups = new Map();
  for (const schema of Object.values(spec.components.schemas)) {
    const branches = (schema.oneOf ?? []).map(resolve);
    const fields = branches.map((branch) => branch.required ?? []);
    if (fields.length > 1 && fields.every((list) => list.length === 1)) {
      const group = fields.map(([field]) => field);
      groups.set(group.join(), group);
    }
  }
  return [...groups.values()];
}

/** Field groups a value may not carry all at once, from each `not: { required: [...] }` of the spec. */
function forbiddenTogether() {
  return Object.values(spec.components.schemas)
    .map((schema) => schema.not?.required)
    .filter((fields) => Array.isArray(fields) && fields.length > 1);
}

const pascal = (name) => name[0].toUpperCase() + name.slice(1);
const methods = ["get", "post", "put", "delete", "patch"];

// Component schemas, plus one object schema per operation for its path and query parameters.
const defs = Object.fromEntries(
  Object.entries(spec.components.schemas).map(([n, s]) => [n, forValidation(s)]),
);
const schemaTypes = Object.fromEntries(Object.keys(defs).map((n) => [n, n]));
/** The error codes each error status carries, from its response's `x-error-codes` (first response wins). */
const errorCodes = {};
/** The error codes of every documented error response, by operation and status. */
const errorCodesByOperation = {};
const operations = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of methods.filter((m) => item[m])) {
    const op = item[method];
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve);
    const entry = {
      operationId: op.operationId,
      method: method.toUpperCase(),
      path,
      responses: {},
    };
    for (const location of ["path", "query", "header"]) {
      const list = params.filter((p) => p.in === location);
      if (list.length === 0) continue;
      const name = `${pascal(op.operationId)}${pascal(location)}Params`;
      defs[name] = {
        type: "object",
        properties: Object.fromEntries(list.map((p) => [p.name, forValidation(p.schema)])),
        required: list.filter((p) => p.required).map((p) => p.name),
      };
      schemaTypes[name] =
        `NonNullable<operations["${op.operationId}"]["parameters"]["${location}"]>`;
      entry[`${location}Params`] = name;
      if (location === "header") entry.requestHeaders = list.map((p) => p.name);
    }
    const requestBody = resolve(op.requestBody);
    const body = requestBody?.content?.["application/json"]?.schema;
    if (body) {
      entry.requestBody = body.$ref.split("/").pop();
      entry.requestBodyRequired = requestBody.required === true;
    }
    entry.responseMediaTypes = {};
    entry.responseHeaders = {};
    errorCodesByOperation[op.operationId] = {};
    for (const [status, response] of Object.entries(op.responses)) {
      const resolved = resolve(response);
      const content = resolved.content ?? {};
      const [mediaType] = Object.keys(content);
      if (Object.keys(content).length > 1)
        throw new Error(`${op.operationId} ${status}: more than one media type`);
      const media = mediaType === undefined ? undefined : content[mediaType];
      entry.responses[status] = media?.schema ? media.schema.$ref.split("/").pop() : null;
      entry.responseMediaTypes[status] = mediaType ?? null;
      entry.responseHeaders[status] = Object.fromEntries(
        Object.entries(resolved.headers ?? {}).map(([name, header]) => [
          name,
          resolve(header).required === true,
        ]),
      );
      const codes = resolved["x-error-codes"];
      if (Number(status) >= 400 && !Array.isArray(codes))
        throw new Error(`${op.operationId} ${status}: an error response without x-error-codes`);
      if (Array.isArray(codes)) {
        errorCodesByOperation[op.operationId][status] = codes;
        if (!(status in errorCodes)) errorCodes[status] = codes;
      }
    }
    operations.push(entry);
  }
}

/**
 * The issues read an all-digit step of an error's path as an array index, which holds only while
 * no schema can hold an error under an object field with an all-digit name: refuse a spec where
 * one could (such a field declared, `patternProperties`, or a schema for additional fields).
 */
function refuseDigitFieldNames(schema, at) {
  if (schema === null || typeof schema !== "object") return;
  const digitField = Object.keys(schema.properties ?? {}).find((key) => /^\d+$/.test(key));
  const open = schema.patternProperties ?? typeof schema.additionalProperties === "object";
  if (digitField !== undefined || open) {
    throw new Error(
      `${at}: an object whose fields may have all-digit names (${digitField ?? "open fields"}); describe-errors.ts reads such a step as an array index`,
    );
  }
  for (const [key, value] of Object.entries(schema)) refuseDigitFieldNames(value, `${at}/${key}`);
}
refuseDigitFieldNames(defs, "#/$defs");

const ajv = new Ajv2020.default({
  allErrors: true,
  // Our issues are written from each error's keyword and params; Ajv's own messages would only
  // add their text to every check (and to every bundle).
  messages: false,
  // Each error carries the value it is about (`data`), so messages need no walk of the input;
  // the schema references that verbose mode adds as well are stripped below.
  verbose: true,
  strict: true,
  // PolicyProfile's allOf requires fields that its other branch declares.
  strictRequired: false,
  code: { source: true, esm: true, optimize: 1, formats: _`formats` },
});
// Ajv2020 always builds the bookkeeping of `unevaluatedProperties`/`unevaluatedItems` and
// `$dynamicRef` into every check, which costs every call time and every bundle bytes. The spec
// uses none of them, so that bookkeeping is turned off; a spec that starts to is refused here
// rather than checked wrongly.
const bookkept = JSON.stringify(defs).match(
  /"(unevaluatedProperties|unevaluatedItems|\$dynamicRef|\$dynamicAnchor|\$recursiveRef)"/,
);
if (bookkept) {
  throw new Error(
    `the spec uses ${bookkept[1]}: remove the lines that turn off Ajv's unevaluated and dynamicRef support`,
  );
}
ajv.opts.unevaluated = false;
ajv.opts.dynamicRef = false;
ajv.addFormat("date-time", fullFormats["date-time"]);
ajv.addFormat("uri", { type: "string", validate: fullFormats.uri });
ajv.addFormat("int32", {
  type: "number",
  validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
});
ajv.addFormat("int64", {
  type: "number",
  validate: (n) => Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63,
});
ajv.addSchema({ $id: "pgbeam", $defs: defs });
const names = Object.keys(defs);
const standalone = standaloneCode
  .default(ajv, Object.fromEntries(names.map((n) => [`check${n}`, `pgbeam#/$defs/${n}`])))
  .replace('"use strict";', "")
  .replace('require("ajv/dist/runtime/ucs2length").default', "codePointLength")
  .replace(/export const (check\w+) = /g, "export const $1: Check = ");

/**
 * String length limits count code points, which needs a pass over the string; but a string of at
 * most N UTF-16 units has at most N code points, and one of fewer than N units fewer than N, so
 * the count is only taken when `.length` cannot decide.
 */
function quickLengths(code) {
  const out = code
    .replace(/(func\d+)\((\w+)\) > (\d+)/g, "($2.length > $3 && $1($2) > $3)")
    .replace(/(func\d+)\((\w+)\) < (\d+)/g, "($2.length < $3 || $1($2) < $3)");
  if (/func\d+\(\w+\) [<>]=/.test(out))
    throw new Error("quickLengths: a length check it does not know");
  return out;
}

/**
 * Error objects cut to what the issues are written from (instancePath, keyword, params, data):
 * schemaPath, schema, parentSchema and a limit's comparison are never read, and only weigh on
 * every bundle.
 */
function leanErrors(code) {
  const out = code
    .replace(/schemaPath:"(?:[^"\\]|\\.)*",/g, "")
    .replace(/,schema:[^{};]*?,parentSchema:[^{};]*?,data\b/g, ",data")
    // A limit's comparison is implied by its keyword (minimum is >=, exclusiveMaximum is <, …).
    .replace(/params:\{comparison: "[<>=]+", /g, "params:{");
  if (/schemaPath:|parentSchema:/.test(out))
    throw new Error("leanErrors: Ajv's error shape changed");
  return out;
}

/**
 * Ajv's output made tree-shakable: `new RegExp` calls are marked pure (top-level side effects
 * would pin every check into every bundle), each format is a named export of the formats module
 * read through a namespace import (so a check that uses no date-time leaves that check out), and
 * the exports move to the end so no `const` is read before it is defined.
 */
function treeShakable(code) {
  code = quickLengths(leanErrors(code)).replaceAll('formats["date-time"]', "formats.dateTime");
  if (/formats\[/.test(code))
    throw new Error("treeShakable: a format the formats module does not export");
  const exportPattern = /export const check\w+: Check = validate\d+;/g;
  const exported = code.match(exportPattern) ?? [];
  let out = code.replace(exportPattern, "");
  if (/\.evaluated = /.test(out))
    throw new Error("treeShakable: a check records `evaluated` again");
  out = out.replace(/= new RegExp\(/g, "= /* @__PURE__ */ new RegExp(");
  return `${out}\n${exported.join("\n")}`;
}

const files = {
  "src/generated/check.gen.ts": `${header}// @ts-nocheck\nimport { codePointLength } from "../code-point-length.js";\nimport * as formats from "../formats.js";\nimport type { Check } from "../validator.js";\n${treeShakable(standalone)}\n`,
  "src/generated/validators.gen.ts": `${header}import type { ${[...new Set(Object.values(schemaTypes).filter((t) => !t.includes("[")))].join(", ")}, operations } from "@pgbeam/policies-types";
import { assertWith, createValidator, isWith, record, standardSchemas, type Validator, validateWith } from "../validator.js";
import * as check from "./check.gen.js";

/** The TypeScript type each schema validates, by schema name. */
export interface SchemaTypes {
${names.map((n) => `  ${n}: ${schemaTypes[n]};`).join("\n")}
}

${names
  .map(
    (n) => `/** Validates a value as ${n}, reporting every issue; never throws. */
export const validate${n} = /* @__PURE__ */ validateWith<SchemaTypes["${n}"]>("${n}", check.check${n});
/** True when the value is a valid ${n}. */
export const is${n} = /* @__PURE__ */ isWith<SchemaTypes["${n}"]>(check.check${n});
/** Returns the value typed as ${n}, or throws a ValidationError listing every issue. */
export const assert${n}: (value: unknown) => SchemaTypes["${n}"] = /* @__PURE__ */ assertWith<SchemaTypes["${n}"]>("${n}", check.check${n});`,
  )
  .join("\n\n")}

/** Every schema's validator, by name. */
export const validators: { readonly [K in keyof SchemaTypes]: Validator<SchemaTypes[K]> } = /* @__PURE__ */ record({
${names.map((n) => `  ${n}: /* @__PURE__ */ createValidator<SchemaTypes["${n}"]>("${n}", check.check${n}),`).join("\n")}
});

/** Every schema as a Standard Schema v1 (vendor \`pgbeam\`), by name. */
export const schemas = /* @__PURE__ */ standardSchemas(validators);
`,
  "src/generated/operations.gen.ts": `${header}import type { OperationId } from "@pgbeam/policies-types";
import type { SchemaTypes } from "./validators.gen.js";

/** One operation of the spec, with the schemas of its parameters, body and responses. */
export interface OperationSchemas {
  operationId: OperationId;
  method: string;
  path: string;
  pathParams?: keyof SchemaTypes;
  queryParams?: keyof SchemaTypes;
  /** Schema of the request headers the operation declares (names as the spec spells them). */
  headerParams?: keyof SchemaTypes;
  /** Names of the request headers the operation declares, as the spec spells them. */
  requestHeaders?: readonly string[];
  requestBody?: keyof SchemaTypes;
  /** Whether the body must be sent (false for an optional body); set when there is a body. */
  requestBodyRequired?: boolean;
  /** Schema of each documented response body by status; null when it has none. */
  responses: Record<string, keyof SchemaTypes | null>;
  /** Media type of each documented response body by status; null when it has none. */
  responseMediaTypes: Record<string, string | null>;
  /** Headers each documented response declares, by status: name → whether it is required. */
  responseHeaders: Record<string, Record<string, boolean>>;
}

/** Every operation of the spec. */
export const operationSchemas: readonly OperationSchemas[] = ${JSON.stringify(operations, null, 2)};
`,
  "src/generated/spec-facts.gen.ts": `${header}/** The documented default of every PolicyProfileInput field that has one. */
export const policyProfileDefaults = ${JSON.stringify(
    Object.fromEntries(
      Object.entries(spec.components.schemas.PolicyProfileInput.properties)
        .map(([field, schema]) => [field, resolve(schema).default ?? schema.default])
        .filter(([, value]) => value !== undefined),
    ),
    null,
    2,
  )} as const;

/** Fields of the PolicyProfileInput fields that are objects (or lists of them), in the spec's order. */
export const policyProfileNestedFields: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(
    Object.fromEntries(
      Object.entries(spec.components.schemas.PolicyProfileInput.properties)
        .map(([field, schema]) => {
          const resolved = resolve(schema);
          const object = resolved.type === "array" ? resolve(resolved.items) : resolved;
          return [field, Object.keys(object?.properties ?? {})];
        })
        .filter(([, fields]) => fields.length > 0),
    ),
  )};

/** The lists a saved PolicyProfile requires that its input may leave out (absent = empty). */
export const policyProfileStoredLists = ${JSON.stringify(storedLists())} as const;

/** Every PolicyProfileInput field, in the spec's order (the canonical order of a profile file). */
export const policyProfileFields = ${JSON.stringify(Object.keys(spec.components.schemas.PolicyProfileInput.properties))} as const;

/** Fields a value may not carry all at once (from each \`not: { required }\`), e.g. credential_id and bound_policy_id. */
export const forbiddenTogether: readonly (readonly string[])[] = ${JSON.stringify(forbiddenTogether())};

/** Fields of which a value must carry exactly one (from each oneOf whose branches require one field each). */
export const exclusiveFieldGroups: readonly (readonly string[])[] = ${JSON.stringify(exclusiveGroups())};

/** The error codes the spec knows (an open set: the service may send others; fall back on the status). */
export const errorCodes = ${JSON.stringify(spec.components.schemas.ErrorCode["x-extensible-enum"])} as const;

/** The statement kinds the spec knows (an open enum: any other string is valid, and the linter flags it). */
export const statementKinds = ${JSON.stringify(spec.components.schemas.StatementKind["x-extensible-enum"])} as const;

/** The statement kinds an approval rule can name (a closed enum; an empty list names all of them). */
export const approvalRuleStatementKinds = ${JSON.stringify(spec.components.schemas.ApprovalRuleStatementKind.enum)} as const;

/** The documented default of every PolicyReplayInput field that has one. */
export const policyReplayDefaults = ${JSON.stringify(
    Object.fromEntries(
      Object.entries(spec.components.schemas.PolicyReplayInput.properties)
        .map(([field, schema]) => [field, resolve(schema).default ?? schema.default])
        .filter(([, value]) => value !== undefined),
    ),
  )} as const;

/** The longest SQL text, in characters, that a dry evaluation accepts. */
export const dryEvalSqlMaxLength = ${JSON.stringify(spec.components.schemas.DryEvalInput.properties.sql.maxLength)};
`,
};

writeGenerated(
  Object.entries(files).map(([file, text]) => ({
    path: fileURLToPath(new URL(`../${file}`, import.meta.url)),
    text,
  })),
  { owner: "@pgbeam/policies-validators" },
);
