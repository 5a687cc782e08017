import type { components } from "@pgbeam/policies-types";

/** The response header that carries an entity tag, as the spec names it among its headers. */
export const etagHeader = "ETag" satisfies keyof components["headers"];

/** The `ETag` of a response, when it has one. */
export function etagOf(headers: Headers): string | undefined {
  return headers.get(etagHeader) ?? undefined;
}
