// The text of src/operation-table.gen.ts: the runtime facts of every operation, keyed by
// OperationId, and the facts that hold for all of them. The only place these facts live outside
// the spec: every package reads them from here.
import {
  generatedHeader,
  isJson,
  type Json,
  resolveRef,
  type SpecOperation,
  specOperations,
} from "@pgbeam/codegen";

function fail(message: string): never {
  throw new Error(`operation table: ${message}`);
}

function retrySafety(op: SpecOperation): string {
  if (op.operation["x-retry-safe"] === true) return "safe";
  if (["GET", "PUT", "DELETE", "HEAD", "OPTIONS"].includes(op.method)) return "safe";
  if (op.parameters.some((p) => p.in === "header" && p.name === "Idempotency-Key"))
    return "with-idempotency-key";
  return "unsafe";
}

function bodySchema(document: Json, op: SpecOperation): { name: string; schema: Json } | null {
  const media = (op.requestBody?.content as Json | undefined)?.["application/json"];
  if (!isJson(media) || !isJson(media.schema)) return null;
  const ref = media.schema.$ref;
  if (typeof ref !== "string") fail(`${op.operationId}'s body is not a named schema`);
  return { name: ref.split("/").at(-1) as string, schema: resolveRef(document, media.schema) };
}

function bodyDefaults(document: Json, schema: Json | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, node] of Object.entries((schema?.properties as Json | undefined) ?? {})) {
    const property = resolveRef(document, node);
    if ("default" in property) out[field] = property.default;
  }
  return out;
}

function operationFacts(document: Json, op: SpecOperation): Json {
  const success = op.responses.find((r) => r.status >= 200 && r.status < 300);
  if (success === undefined) fail(`${op.operationId} documents no 2xx response`);
  const errorCodes: Record<number, unknown> = {};
  const requiredHeaders: Record<number, string[]> = {};
  for (const { status, response } of op.responses) {
    if (status >= 400) {
      const codes = response["x-error-codes"];
      if (!Array.isArray(codes) || codes.length === 0)
        fail(`the ${status} of ${op.operationId} lists no x-error-codes`);
      errorCodes[status] = codes;
    }
    const headers = Object.entries((response.headers as Json | undefined) ?? {})
      .filter(([, node]) => resolveRef<Json>(document, node).required === true)
      .map(([name]) => name);
    if (headers.length > 0) requiredHeaders[status] = headers;
  }
  const queryParameters: Record<string, Json> = {};
  for (const p of op.parameters.filter((p) => p.in === "query")) {
    queryParameters[p.name] = {
      required: p.required,
      ...("default" in p.schema ? { default: p.schema.default } : {}),
      ...(typeof p.schema.minimum === "number" ? { minimum: p.schema.minimum } : {}),
      ...(typeof p.schema.maximum === "number" ? { maximum: p.schema.maximum } : {}),
    };
  }
  const headers = op.parameters.filter((p) => p.in === "header").map((p) => p.name);
  const body = bodySchema(document, op);
  return {
    method: op.method,
    path: op.path,
    tag: op.tags[0] ?? fail(`${op.operationId} has no tag`),
    pathParameters: [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
    queryParameters,
    requestHeaders: headers,
    body: body === null ? null : { schema: body.name, required: op.requestBody?.required === true },
    bodyFields: Object.keys((body?.schema.properties as Json | undefined) ?? {}),
    bodyDefaults: bodyDefaults(document, body?.schema),
    success: success.status,
    statuses: op.responses.map((r) => r.status),
    errorCodes,
    noBody: op.responses.filter((r) => r.response.content === undefined).map((r) => r.status),
    requiredResponseHeaders: requiredHeaders,
    retry: retrySafety(op),
    conditional: {
      ifNoneMatch: headers.includes("If-None-Match"),
      ifMatch: headers.includes("If-Match"),
    },
    etag: isJson((success.response.headers as Json | undefined)?.ETag),
  };
}

function numberIn(text: unknown, pattern: RegExp, what: string): number {
  const match = pattern.exec(typeof text === "string" ? text : "");
  if (match === null) fail(`cannot find ${what} in: ${String(text)}`);
  return Number(match[1]);
}

function serviceFacts(document: Json): Json {
  const components = document.components as { responses: Json; parameters: Json };
  const tooLarge = components.responses.PayloadTooLarge as Json | undefined;
  const key = components.parameters.IdempotencyKey as Json | undefined;
  const keySchema = (key?.schema ?? {}) as Json;
  return {
    requestBodyLimitBytes:
      numberIn(tooLarge?.description, /larger than (\d+) MB/, "the body limit") * 1024 * 1024,
    idempotencyWindowMs:
      numberIn(key?.description, /kept for (\d+) hours/, "the idempotency window") * 3_600_000,
    idempotencyKeyLength: { min: keySchema.minLength ?? 1, max: keySchema.maxLength ?? 255 },
  };
}

/** The source of src/operation-table.gen.ts. */
export function operationTableSource(document: Json): string {
  const table: Record<string, Json> = {};
  for (const op of specOperations(document)) {
    if (op.operationId in table) fail(`${op.operationId} is used twice`);
    table[op.operationId] = operationFacts(document, op);
  }
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return `${generatedHeader("scripts/generate.ts")}import type { OperationFacts, ServiceFacts } from "./operation-facts.js";
import type { OperationId } from "./operation-id.js";

/** The runtime facts of every operation of the spec, keyed by its operationId. */
export const operationTable = ${json(table)} as const satisfies { readonly [K in OperationId]: OperationFacts };

/** Every operationId of the spec, in spec order. */
export const operationIds = Object.keys(operationTable) as OperationId[];

/** Facts that hold for every operation. */
export const serviceFacts = ${json(serviceFacts(document))} as const satisfies ServiceFacts;
`;
}
