// Strong entity tags for the representations the emulator sends: a 64-bit FNV-1a hash of the
// JSON text (two 32-bit lanes) and its length, so the tag changes exactly when the bytes do
// (up to a hash collision, which tests will not meet). Pure arithmetic: no Web Crypto round trip.
import type { StoredProfile } from "./store.js";

/** The strong ETag (quoted) of a representation's text. */
export function etagOf(text: string): string {
  let low = 0x811c9dc5;
  let high = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    low = Math.imul(low ^ unit, 0x01000193);
    high = Math.imul(high ^ unit ^ (low >>> 16), 0x01000193);
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  return `"${text.length.toString(36)}-${hex(high)}${hex(low)}"`;
}

/** The current representation and ETag of a stored profile, computed once per version. */
export function profileEtag(stored: StoredProfile): string {
  stored.body ??= JSON.stringify(stored.profile);
  stored.etag ??= etagOf(stored.body);
  return stored.etag;
}

/**
 * Whether an `If-None-Match` or `If-Match` header names the current tag: `*` matches any current
 * representation; otherwise a comma-separated list of tags, compared strongly for `If-Match`
 * and weakly (a `W/` prefix ignored) for `If-None-Match`, as RFC 9110 says.
 */
export function tagListMatches(header: string, current: string, weak: boolean): boolean {
  const trimmed = header.trim();
  if (trimmed === "*") return true;
  for (const part of trimmed.split(",")) {
    let tag = part.trim();
    if (tag.startsWith("W/")) {
      if (!weak) continue;
      tag = tag.slice(2);
    }
    if (tag === current) return true;
  }
  return false;
}
