/** True for C0 and C1 controls, DEL, and the Unicode format characters that reorder or hide text. */
function isInvisible(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff
  );
}

const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * The text with every control or bidirectional-format character shown as an escape (`\x1b`,
 * `\n`, `\u202e`), so a string from the server cannot move the cursor, clear the screen, colour
 * the output or reorder what a terminal or CI log shows. For text output only: JSON stays exact.
 */
export function visible(text: string): string {
  let out = "";
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (!isInvisible(code)) out += character;
    else
      out +=
        named[character] ??
        (code <= 0xff
          ? `\\x${code.toString(16).padStart(2, "0")}`
          : `\\u${code.toString(16).padStart(4, "0")}`);
  }
  return out;
}
