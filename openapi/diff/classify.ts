/** How a spec change affects client users. */
export type Impact = "breaking" | "non-breaking" | "docs";

/** One difference between two versions of the spec. */
export interface SpecChange {
  impact: Impact;
  /** Where: an operation, and a field path inside it. */
  where: string;
  message: string;
}

import { compareResponseHeaders } from "./header-rules.js";
import { statusAdded } from "./status-rules.js";

type Json = Record<string, unknown>;
type Direction = "request" | "response";
const methods = ["get", "put", "post", "delete", "patch", "head", "options"];

/** Follows local `$ref`s and merges `allOf` parts into one object schema view. */
function flatten(doc: Json, node: unknown): Json {
  let schema = node as Json;
  while (schema && typeof schema.$ref === "string") {
    schema = (schema.$ref as string)
      .slice(2)
      .split("/")
      .reduce<Json>((at, key) => at[key] as Json, doc);
  }
  if (!schema || typeof schema !== "object" || !Array.isArray(schema.allOf)) return schema ?? {};
  const merged: Json = {
    ...schema,
    properties: { ...(schema.properties as Json) },
    required: [...((schema.required as string[]) ?? [])],
  };
  for (const part of schema.allOf as unknown[]) {
    const flat = flatten(doc, part);
    Object.assign(merged.properties as Json, flat.properties ?? {});
    (merged.required as string[]).push(...((flat.required as string[]) ?? []));
    for (const key of ["type", "enum", "x-extensible-enum", "items"])
      if (flat[key] !== undefined && merged[key] === undefined) merged[key] = flat[key];
  }
  delete merged.allOf;
  return merged;
}

/**
 * A schema's enum: closed (`enum`: nothing else is valid), open (`x-extensible-enum`: these values
 * are known, any other string is valid too), or none.
 */
function enumOf(schema: Json): { values: unknown[]; open: boolean } | undefined {
  if (Array.isArray(schema.enum)) return { values: schema.enum, open: false };
  const known = schema["x-extensible-enum"];
  return Array.isArray(known) ? { values: known, open: true } : undefined;
}

/**
 * Enum changes. Closed enums: a value removed breaks requests, a value added breaks responses
 * (a client that switches over the values meets one it has no case for). Open enums promise
 * nothing beyond "some string", and their types already make clients handle unknown values, so
 * changing their known values breaks no one. Opening a closed enum (or dropping it) widens it:
 * fine for requests, breaking for responses (a one-time change of the type every `switch` over
 * it sees); closing one is the reverse.
 */
function compareEnums(ctx: Context, a: Json, b: Json, where: string, request: boolean): void {
  const before = enumOf(a);
  const after = enumOf(b);
  if (!before && !after) return;
  const widened = request ? "non-breaking" : "breaking";
  const narrowed = request ? "breaking" : "non-breaking";
  if (before && !before.open && (!after || after.open)) {
    ctx.push(
      widened,
      where,
      `enum opened: values other than ${before.values.join(", ")} are valid`,
    );
    return;
  }
  if (after && !after.open && (!before || before.open)) {
    ctx.push(narrowed, where, `enum closed to ${after.values.join(", ")}`);
    return;
  }
  const removed = (before?.values ?? []).filter((v) => !after?.values.includes(v));
  const added = (after?.values ?? []).filter((v) => !before?.values.includes(v));
  const open = before?.open === true;
  if (removed.length > 0)
    ctx.push(open ? "non-breaking" : narrowed, where, `enum values removed: ${removed.join(", ")}`);
  if (added.length > 0)
    ctx.push(open ? "non-breaking" : widened, where, `enum values added: ${added.join(", ")}`);
}

const bound = (schema: Json, key: string) =>
  typeof schema[key] === "number" ? (schema[key] as number) : undefined;

/** Compares two schemas in one direction, pushing every change found. */
function compareSchemas(
  ctx: Context,
  base: unknown,
  head: unknown,
  where: string,
  direction: Direction,
  depth = 0,
): void {
  if (depth > 20) return;
  if (base === false || head === false) {
    if (base !== head) ctx.push("breaking", where, `changed between allowed and forbidden`);
    return;
  }
  const a = flatten(ctx.base, base);
  const b = flatten(ctx.head, head);
  const request = direction === "request";
  if (JSON.stringify(a.type) !== JSON.stringify(b.type) && a.type !== undefined) {
    ctx.push(
      "breaking",
      where,
      `type changed from ${JSON.stringify(a.type)} to ${JSON.stringify(b.type)}`,
    );
    return;
  }
  compareEnums(ctx, a, b, where, request);
  for (const [key, narrowsWhenHigher] of [
    ["minimum", true],
    ["minLength", true],
    ["minItems", true],
    ["maximum", false],
    ["maxLength", false],
    ["maxItems", false],
  ] as const) {
    const before = bound(a, key);
    const after = bound(b, key);
    if (before === after) continue;
    const narrowed =
      after !== undefined &&
      (before === undefined || (narrowsWhenHigher ? after > before : after < before));
    const impact = request === narrowed ? "breaking" : "non-breaking";
    ctx.push(impact, where, `${key} changed from ${before ?? "none"} to ${after ?? "none"}`);
  }
  if (JSON.stringify(a.default) !== JSON.stringify(b.default)) {
    ctx.push(
      "non-breaking",
      where,
      `default changed from ${JSON.stringify(a.default)} to ${JSON.stringify(b.default)}`,
    );
  }
  if (a.pattern !== b.pattern)
    ctx.push(
      request ? "breaking" : "non-breaking",
      where,
      `pattern changed to ${b.pattern ?? "none"}`,
    );
  if (a.format !== b.format)
    ctx.push(
      "breaking",
      where,
      `format changed from ${a.format ?? "none"} to ${b.format ?? "none"}`,
    );

  const propsA = (a.properties as Json | undefined) ?? {};
  const propsB = (b.properties as Json | undefined) ?? {};
  const reqA = new Set((a.required as string[] | undefined) ?? []);
  const reqB = new Set((b.required as string[] | undefined) ?? []);
  for (const name of Object.keys(propsA)) {
    const at = `${where}.${name}`;
    if (!(name in propsB)) ctx.push("breaking", at, "property removed");
    else compareSchemas(ctx, propsA[name], propsB[name], at, direction, depth + 1);
  }
  for (const name of Object.keys(propsB)) {
    if (name in propsA) continue;
    const required = reqB.has(name);
    ctx.push(
      request && required ? "breaking" : "non-breaking",
      `${where}.${name}`,
      `${required ? "required" : "optional"} property added`,
    );
  }
  for (const name of reqB) {
    if (!reqA.has(name) && name in propsA)
      ctx.push(request ? "breaking" : "non-breaking", `${where}.${name}`, "became required");
  }
  for (const name of reqA) {
    if (!reqB.has(name) && name in propsB)
      ctx.push(request ? "non-breaking" : "breaking", `${where}.${name}`, "became optional");
  }
  compareForbiddenGroups(ctx, a, b, where, request);
  if (a.items || b.items) compareSchemas(ctx, a.items, b.items, `${where}[]`, direction, depth + 1);
  const branchesA = (a.oneOf as unknown[] | undefined) ?? [];
  const branchesB = (b.oneOf as unknown[] | undefined) ?? [];
  if (branchesA.length !== branchesB.length) {
    ctx.push("breaking", where, "oneOf branches changed");
    return;
  }
  branchesA.forEach((branch, i) => {
    compareSchemas(ctx, branch, branchesB[i], `${where}(oneOf ${i})`, direction, depth + 1);
  });
}

/**
 * Field groups a schema forbids all at once (`not: { required: [credential_id, bound_policy_id] }`).
 * In a request, a new group refuses bodies that were valid, which breaks callers, unless one of
 * its fields is itself new in this change, so no caller could have sent the whole group. In a
 * response, a new group is a guarantee; a group dropped is the reverse.
 */
function compareForbiddenGroups(ctx: Context, a: Json, b: Json, where: string, request: boolean) {
  const groupOf = (schema: Json) => {
    const fields = ((schema.not as Json | undefined)?.required as string[] | undefined) ?? [];
    return fields.length > 1 ? fields : undefined;
  };
  const before = groupOf(a);
  const after = groupOf(b);
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const known = new Set(Object.keys((a.properties as Json | undefined) ?? {}));
  if (after) {
    const onlyNewFields = after.some((field) => !known.has(field));
    const impact = request && !onlyNewFields ? "breaking" : "non-breaking";
    ctx.push(impact, where, `${after.join(" and ")} may no longer be sent together`);
  }
  if (before)
    ctx.push(
      request ? "non-breaking" : "breaking",
      where,
      `${before.join(" and ")} may now be sent together`,
    );
}

interface Context {
  base: Json;
  head: Json;
  push(impact: Impact, where: string, message: string): void;
}

function operations(doc: Json): Map<string, { op: Json; params: Json[] }> {
  const out = new Map<string, { op: Json; params: Json[] }>();
  for (const [path, item] of Object.entries((doc.paths as Json) ?? {})) {
    const pathItem = flatten(doc, item);
    for (const method of methods) {
      const op = pathItem[method] as Json | undefined;
      if (!op) continue;
      const params = [
        ...((pathItem.parameters as unknown[]) ?? []),
        ...((op.parameters as unknown[]) ?? []),
      ].map((p) => flatten(doc, p));
      out.set(`${method.toUpperCase()} ${path}`, { op, params });
    }
  }
  return out;
}

/** The one media type of a body (a request body, a response) and its schema, if it has a body. */
function mediaOf(doc: Json, owner: unknown): { type: string; schema: unknown } | undefined {
  const content = (flatten(doc, owner).content as Json | undefined) ?? {};
  const type = "application/json" in content ? "application/json" : Object.keys(content)[0];
  if (type === undefined) return undefined;
  return { type, schema: (content[type] as Json | undefined)?.schema };
}

/**
 * Compares two bodies. A changed media type is breaking in either direction (a server that
 * accepts, or a client that reads, only the old one fails); the schemas are then compared as well,
 * so the fields a client loses (e.g. `error.message` when errors become problem documents) are
 * listed one by one.
 */
function compareBodies(
  ctx: Context,
  a: { type: string; schema: unknown } | undefined,
  b: { type: string; schema: unknown } | undefined,
  where: string,
  direction: Direction,
): void {
  if (!a && !b) return;
  if (a && b && a.type !== b.type)
    ctx.push("breaking", where, `media type changed from ${a.type} to ${b.type}`);
  compareSchemas(ctx, a?.schema, b?.schema, where, direction);
}

/**
 * Request bodies: a body that became required (or a required body added) breaks callers that send
 * none; one that became optional breaks no one.
 */
function compareRequestBodies(ctx: Context, a: unknown, b: unknown, where: string): void {
  const before = a === undefined ? undefined : flatten(ctx.base, a);
  const after = b === undefined ? undefined : flatten(ctx.head, b);
  const requiredBefore = before?.required === true;
  const requiredAfter = after?.required === true;
  if (after && requiredAfter && !requiredBefore)
    ctx.push("breaking", where, before ? "became required" : "required body added");
  else if (before && requiredBefore && after && !requiredAfter)
    ctx.push("non-breaking", where, "became optional");
  else if (after && !before) ctx.push("non-breaking", where, "optional body added");
  compareBodies(ctx, mediaOf(ctx.base, a), mediaOf(ctx.head, b), where, "request");
}

/** A response's headers, each followed through its `$ref`. */
function headersOf(doc: Json, response: unknown): Record<string, Json> {
  const headers = (flatten(doc, response).headers as Json | undefined) ?? {};
  return Object.fromEntries(Object.entries(headers).map(([n, h]) => [n, flatten(doc, h)]));
}

/**
 * The error codes a response documents (`x-error-codes`). `code` is an open set, so a client
 * already handles codes it does not know: a code documented or dropped breaks no one, but it is a
 * contract change users are told about.
 */
function compareErrorCodes(ctx: Context, a: Json, b: Json, where: string): void {
  const before = (a["x-error-codes"] as string[] | undefined) ?? [];
  const after = (b["x-error-codes"] as string[] | undefined) ?? [];
  const added = after.filter((code) => !before.includes(code));
  const removed = before.filter((code) => !after.includes(code));
  if (added.length > 0)
    ctx.push("non-breaking", where, `error codes documented: ${added.join(", ")}`);
  if (removed.length > 0)
    ctx.push("non-breaking", where, `error codes no longer documented: ${removed.join(", ")}`);
}

/** Every change between two bundled specs, classified for client users. */
export function classifySpecChanges(base: Json, head: Json): SpecChange[] {
  const changes: SpecChange[] = [];
  const ctx: Context = {
    base,
    head,
    push: (impact, where, message) => changes.push({ impact, where, message }),
  };
  const before = operations(base);
  const after = operations(head);
  for (const [key, { op, params }] of before) {
    const next = after.get(key);
    if (!next) {
      ctx.push("breaking", key, `operation ${String(op.operationId)} removed`);
      continue;
    }
    for (const param of params) {
      const match = next.params.find((p) => p.name === param.name && p.in === param.in);
      const at = `${key} ${String(param.in)} parameter ${String(param.name)}`;
      if (!match) ctx.push("breaking", at, "parameter removed");
      else {
        if (!param.required && match.required) ctx.push("breaking", at, "became required");
        compareSchemas(ctx, param.schema, match.schema, at, "request");
      }
    }
    for (const param of next.params) {
      if (!params.some((p) => p.name === param.name && p.in === param.in)) {
        ctx.push(
          param.required ? "breaking" : "non-breaking",
          `${key} ${String(param.in)} parameter ${String(param.name)}`,
          `${param.required ? "required" : "optional"} parameter added`,
        );
      }
    }
    compareRequestBodies(ctx, op.requestBody, next.op.requestBody, `${key} request body`);
    const statusesA = Object.keys((op.responses as Json) ?? {});
    const statusesB = Object.keys((next.op.responses as Json) ?? {});
    for (const status of statusesA) {
      if (!statusesB.includes(status))
        ctx.push("breaking", key, `response status ${status} removed`);
      else {
        const a = (op.responses as Json)[status];
        const b = (next.op.responses as Json)[status];
        const where = `${key} ${status} response`;
        compareBodies(ctx, mediaOf(base, a), mediaOf(head, b), where, "response");
        compareResponseHeaders(ctx.push, headersOf(base, a), headersOf(head, b), where);
        compareErrorCodes(ctx, flatten(base, a), flatten(head, b), where);
      }
    }
    for (const status of statusesB) {
      if (statusesA.includes(status)) continue;
      const [impact, message] = statusAdded(status, next.params);
      ctx.push(impact, key, message);
    }
  }
  for (const [key, { op }] of after) {
    if (!before.has(key))
      ctx.push("non-breaking", key, `operation ${String(op.operationId)} added`);
  }
  if (changes.length === 0 && JSON.stringify(base) !== JSON.stringify(head)) {
    ctx.push("docs", "spec", "descriptions, examples or other documentation changed");
  }
  return changes;
}
