/** PostgreSQL's identifier limit (NAMEDATALEN - 1): longer names are cut to this many bytes. */
export const identifierMaxBytes = 63;

const encoder = /* @__PURE__ */ new TextEncoder();
const nonAscii = /[^\x20-\x7e]/;

/**
 * One name part as PostgreSQL compares it here: quotes dropped, lower-cased (names match
 * case-insensitively), and cut to 63 bytes of UTF-8 without splitting a character, as the
 * parser truncates every identifier it reads.
 */
export function identifierKey(part: string): string {
  const plain = (part.includes('"') ? part.replaceAll('"', "") : part).trim().toLowerCase();
  if (plain.length * 3 <= identifierMaxBytes) return plain;
  if (plain.length <= identifierMaxBytes && !nonAscii.test(plain)) return plain;
  if (encoder.encode(plain).length <= identifierMaxBytes) return plain;
  let bytes = 0;
  let cut = "";
  for (const character of plain) {
    const size = encoder.encode(character).length;
    if (bytes + size > identifierMaxBytes) break;
    bytes += size;
    cut += character;
  }
  return cut;
}

/** A column name of a masking rule or a query, as the two are compared. */
export function columnKey(column: string): string {
  return identifierKey(column);
}
