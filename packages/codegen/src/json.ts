/** A JSON object as read from the spec. */
export type Json = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
