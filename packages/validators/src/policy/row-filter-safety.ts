// Keywords that end a WHERE clause when they stand outside parentheses: a predicate holding
// one of them at its top level reaches past the condition it was meant to be.
const clauseKeywords = /* @__PURE__ */ new Set([
  "union",
  "intersect",
  "except",
  "group",
  "having",
  "window",
  "order",
  "limit",
  "offset",
  "fetch",
  "for",
  "into",
  "returning",
]);

/**
 * Why a row-filter predicate cannot be injected safely, judged from its tokens alone, or
 * undefined when its text is one condition. Refused: an empty predicate, a `;` or a comment
 * outside string literals (another statement could follow, or the rest be commented out), a
 * parenthesis closed before it was opened (it would close the caller's own), an unterminated
 * literal or parenthesis, and a top-level keyword that ends the WHERE clause (UNION, ORDER BY,
 * LIMIT, FOR UPDATE…). This is the whole rule the linter applies; the engine applies it first
 * and then parses the predicate, refusing besides what only a parser sees (a bare constant,
 * an expression that cannot be boolean, `*`).
 */
export function rowFilterTextProblem(predicate: string): string | undefined {
  if (predicate.trim() === "") return "it is empty";
  let depth = 0;
  let index = 0;
  const text = predicate;
  while (index < text.length) {
    const character = text[index] as string;
    const next = text[index + 1];
    if (character === "'" || character === '"') {
      const end = closingQuote(text, index, character);
      if (end < 0) return "it has an unterminated quoted string or name";
      index = end + 1;
      continue;
    }
    if (character === "$") {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(index))?.[0];
      if (tag !== undefined) {
        const end = text.indexOf(tag, index + tag.length);
        if (end < 0) return "it has an unterminated dollar-quoted string";
        index = end + tag.length;
        continue;
      }
    }
    if (character === ";") return "it contains ';' outside a string";
    if ((character === "-" && next === "-") || (character === "/" && next === "*"))
      return "it contains a SQL comment";
    if (character === "(") depth += 1;
    if (character === ")") {
      depth -= 1;
      if (depth < 0) return "it closes a parenthesis it did not open";
    }
    if (/[A-Za-z_]/.test(character)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(index))?.[0] ?? character;
      if (depth === 0 && clauseKeywords.has(word.toLowerCase()))
        return `it reaches past the WHERE clause (${word.toUpperCase()})`;
      index += word.length;
      continue;
    }
    index += 1;
  }
  return depth === 0 ? undefined : "it leaves a parenthesis open";
}

/** The index of the quote closing the one at `start` (doubled quotes are escapes), or -1. */
function closingQuote(text: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < text.length) {
    if (text[index] === quote) {
      if (text[index + 1] === quote) index += 2;
      else return index;
    } else index += 1;
  }
  return -1;
}
