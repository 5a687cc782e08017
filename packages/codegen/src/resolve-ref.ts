import { isJson, type Json } from "./json.js";

/** Follows a local `$ref` (repeatedly) to the node it names; other nodes come back unchanged. */
export function resolveRef<T = Json>(document: Json, node: unknown): T {
  let at = node;
  const seen = new Set<string>();
  while (isJson(at) && typeof at.$ref === "string") {
    const ref = at.$ref;
    if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, got ${ref}`);
    if (seen.has(ref)) throw new Error(`The $ref ${ref} refers to itself`);
    seen.add(ref);
    at = ref
      .slice(2)
      .split("/")
      .map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<unknown>((parent, key) => (isJson(parent) ? parent[key] : undefined), document);
    if (at === undefined) throw new Error(`The $ref ${ref} names nothing in the spec`);
  }
  return at as T;
}
