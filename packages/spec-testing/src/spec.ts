import { specOperations as readOperations, readSpec, resolveRef } from "@pgbeam/codegen";

/** A JSON Schema node of the bundled spec. */
export type Schema = Record<string, unknown> | boolean;
type Json = Record<string, unknown>;

/** The bundled spec, read by the repository's one spec reader (@pgbeam/codegen). */
export const spec: Json = readSpec().document;

/** Follows a local `$ref` (repeatedly) to the node it names. */
export function resolve<T = Json>(node: unknown): T {
  return resolveRef<T>(spec, node);
}

/** A component schema by name. */
export function componentSchema(name: string): Json {
  return (spec.components as { schemas: Record<string, Json> }).schemas[name] as Json;
}

/** Every example in the spec with the name of the component schema it illustrates. */
export function specExamples(): Array<{ where: string; schema: string; value: unknown }> {
  const out: Array<{ where: string; schema: string; value: unknown }> = [];
  const collect = (where: string, owner: unknown) => {
    const content = resolve<Json>(owner)?.content as Json | undefined;
    const media = (content?.["application/json"] ?? content?.["application/problem+json"]) as
      | Json
      | undefined;
    const ref = (media?.schema as Json | undefined)?.$ref;
    if (!media || typeof ref !== "string") return;
    const schema = ref.split("/").pop() as string;
    if ("example" in media) out.push({ where, schema, value: media.example });
    for (const [name, example] of Object.entries((media.examples as Json | undefined) ?? {})) {
      out.push({ where: `${where} (${name})`, schema, value: resolve<Json>(example).value });
    }
  };
  for (const { operationId, path, operation } of readOperations(spec)) {
    collect(`${operationId} request`, operation.requestBody);
    for (const [status, response] of Object.entries(operation.responses as Json)) {
      collect(`${operationId} ${status} ${path}`, response);
    }
  }
  return out;
}

/** A copy of the spec's first example of a schema (or the one whose location mentions `named`). */
export function exampleOf(schema: string, named?: string): Record<string, unknown> {
  const candidates = specExamples().filter((e) => e.schema === schema);
  const found =
    candidates.find((e) => named !== undefined && e.where.includes(named)) ?? candidates[0];
  if (!found) throw new Error(`The spec has no example of ${schema}`);
  return structuredClone(found.value) as Record<string, unknown>;
}
