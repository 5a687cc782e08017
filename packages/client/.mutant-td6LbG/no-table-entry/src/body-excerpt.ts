const excerptLength = 200;
// Only the start of a body is read for its excerpt, so hostile bodies cost bounded time.
const scannedLength = 8192;

/**
 * A short, single-line excerpt of a body that is not a problem document; for an HTML page, its
 * title or its text. One linear pass over a bounded prefix, no regular expression: any body costs
 * O(8 KiB).
 */
export function excerpt(body: string): string {
  const scanned = body.slice(0, scannedLength);
  const title = titleOf(scanned);
  const plain = collapse(title ?? withoutTags(scanned));
  return plain.length > excerptLength ? `${plain.slice(0, excerptLength)}…` : plain;
}

/** The text of the first `<title …>…<` element, if the prefix has one. */
function titleOf(html: string): string | undefined {
  const lower = html.toLowerCase();
  const open = lower.indexOf("<title");
  if (open < 0) return undefined;
  const start = lower.indexOf(">", open);
  if (start < 0) return undefined;
  const end = lower.indexOf("<", start + 1);
  return html.slice(start + 1, end < 0 ? html.length : end);
}

/** The text with every `<…>` tag replaced by a space (an unclosed tag runs to the end). */
function withoutTags(html: string): string {
  let out = "";
  let inTag = false;
  for (const char of html) {
    if (inTag) {
      if (char === ">") inTag = false;
    } else if (char === "<") {
      inTag = true;
      out += " ";
    } else out += char;
  }
  return out;
}

/** Control characters and runs of whitespace as single spaces, trimmed. */
function collapse(text: string): string {
  let out = "";
  let space = false;
  for (const char of text) {
    const code = char.charCodeAt(0);
    const blank = code <= 0x20 || (code >= 0x7f && code <= 0x9f) || char.trim() === "";
    if (blank) space = out !== "";
    else {
      if (space) out += " ";
      out += char;
      space = false;
    }
  }
  return out;
}
