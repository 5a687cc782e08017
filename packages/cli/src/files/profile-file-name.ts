import { createHash } from "node:crypto";

/**
 * How a profile's name (any 1–128 characters) becomes a file name inside the policies folder.
 *
 * Letters, digits (any script), `_` and `-` are kept; a `.` is kept between other characters;
 * everything else (separators, `%`, spaces, NUL and other control characters, a leading or
 * trailing dot, the dot of a trailing `.test`) is written as `%XX` per UTF-8 byte, so the file
 * name decodes back to the name. A name whose encoding would pass {@link maxBaseBytes} is cut and
 * given a `~` and a digest; such a file carries its full name in its `name` field.
 */
const keptCharacter = /^[\p{L}\p{N}\p{M}_-]$/u;

/** The longest file name base in UTF-8 bytes: room for `.test.yaml` and a temporary suffix. */
export const maxBaseBytes = 200;

const digestLength = 16;

// Device names Windows reserves whatever the extension: their first letter is escaped.
const reservedOnWindows = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const percentEncoded = (character: string) =>
  [...Buffer.from(character, "utf8")]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)
    .join("");

const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

function encodeCharacters(name: string): string {
  const characters = [...name];
  const testSuffixDot = /\.test$/i.test(name) ? characters.length - 5 : -1;
  return characters
    .map((character, index) => {
      if (keptCharacter.test(character)) return character;
      const innerDot =
        character === "." && index > 0 && index < characters.length - 1 && index !== testSuffixDot;
      return innerDot ? character : percentEncoded(character);
    })
    .join("");
}

/** The file name base (no extension) a profile name is written under. */
export function fileBaseOf(name: string): string {
  let base = encodeCharacters(name);
  if (reservedOnWindows.test(base)) base = `${percentEncoded(base.slice(0, 1))}${base.slice(1)}`;
  if (byteLength(base) <= maxBaseBytes) return base;
  const digest = createHash("sha256").update(name, "utf8").digest("hex").slice(0, digestLength);
  let cut = "";
  // Cut on a whole escape or character so the kept part still decodes.
  for (const piece of base.match(/%[0-9A-F]{2}|[^%]/gu) ?? []) {
    if (byteLength(cut + piece) > maxBaseBytes - digestLength - 1) break;
    cut += piece;
  }
  return `${cut}~${digest}`;
}

/**
 * The profile name a file name base stands for, or undefined when it cannot say on its own
 * (a cut name, marked by `~`, or escapes that are not UTF-8): then the file's `name` field does.
 */
export function nameOfFileBase(base: string): string | undefined {
  if (base.includes("~")) return undefined;
  try {
    return decodeURIComponent(base);
  } catch {
    return undefined;
  }
}

/** The key under which two file names are the same file on a case-insensitive file system. */
export function caseFoldKey(fileName: string): string {
  return fileName.normalize("NFC").toLowerCase();
}
