import type { Impact } from "./classify.js";

type Json = Record<string, unknown>;

/** One classified change, as the classifier records it. */
type Push = (impact: Impact, where: string, message: string) => void;

/**
 * Response header changes. A header added (optional or required) or made required only gives the
 * client something more to rely on; one removed, or made optional, takes away what a client may read.
 * Names compare case-insensitively, as HTTP header names do.
 */
export function compareResponseHeaders(
  push: Push,
  before: Record<string, Json>,
  after: Record<string, Json>,
  where: string,
): void {
  const lower = (headers: Record<string, Json>) =>
    new Map(
      Object.entries(headers).map(([name, header]) => [name.toLowerCase(), { name, header }]),
    );
  const a = lower(before);
  const b = lower(after);
  for (const [key, { name, header }] of a) {
    const next = b.get(key);
    if (!next) push("breaking", `${where} header ${name}`, "header removed");
    else if (header.required === true && next.header.required !== true)
      push("breaking", `${where} header ${name}`, "header became optional");
    else if (header.required !== true && next.header.required === true)
      push("non-breaking", `${where} header ${name}`, "header became required");
  }
  for (const [key, { name, header }] of b) {
    if (!a.has(key))
      push(
        "non-breaking",
        `${where} header ${name}`,
        `${header.required === true ? "required" : "optional"} header added`,
      );
  }
}
