// The text of src/policies.gen.ts: the types of every schema, path and operation, by
// openapi-typescript, plus one `Known<Name>` per open enum.
import { createRequire } from "node:module";
import { isJson, type Json } from "@pgbeam/codegen";

const require = createRequire(import.meta.url);

/**
 * openapi-typescript types a response header given by `$ref` as always present, whatever its
 * `required` says, so the bundle's shared headers are inlined into each response first: `ETag`
 * and `Retry-After` stay required, `X-Request-Id` becomes optional, as the spec says.
 */
function inlineResponseHeaders(document: Json, responses: unknown): void {
  const shared = (document.components as { headers: Json }).headers;
  for (const response of Object.values(isJson(responses) ? responses : {})) {
    const headers = (response as Json).headers;
    if (!isJson(headers)) continue;
    for (const [name, header] of Object.entries(headers)) {
      const ref = (header as Json).$ref;
      if (typeof ref === "string") headers[name] = shared[ref.replace("#/components/headers/", "")];
    }
  }
}

/**
 * The Node API rather than the CLI, to add one export per open enum. A string schema with
 * `x-extensible-enum` (these values are known, the service may send others) stays `string`, as
 * the wire contract says, and `Known<Name>` names the known values for code that switches over
 * them. (Stainless SDKs write open enums as `"a" | "b" | (string & {})`, but openapi-fetch's
 * `Readable` maps that intersection into an object type in every response, and
 * `Lowercase<string>` in its place absorbs the literals, so neither keeps the known values.)
 */
export async function typesSource(original: Json): Promise<string> {
  const document = structuredClone(original);
  const openapiTypescript = require("openapi-typescript");
  const { astToString, COMMENT_HEADER } = openapiTypescript;
  const openapiTS = openapiTypescript.default ?? openapiTypescript;
  inlineResponseHeaders(document, (document.components as Json).responses);
  for (const item of Object.values(document.paths as Json))
    for (const operation of Object.values(item as Json))
      if (isJson(operation)) inlineResponseHeaders(document, operation.responses);

  const ast = await openapiTS(document, {
    // A field with a default is optional on the wire; the caller applies the default.
    defaultNonNullable: false,
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
  });
  const schemas = (document.components as { schemas: Record<string, Json> }).schemas;
  const knownValues = Object.entries(schemas)
    .filter(([, schema]) => Array.isArray(schema["x-extensible-enum"]))
    .map(
      ([name, schema]) =>
        `/** The ${name} values this spec knows. ${name} itself is any string: the service may add values. */
export type Known${name} = ${(schema["x-extensible-enum"] as string[]).map((v) => JSON.stringify(v)).join(" | ")};
`,
    )
    .join("");
  return `${COMMENT_HEADER}${astToString(ast)}${knownValues}`;
}
