/**
 * The notation of result comments in READMEs, e.g. `// "block" "read_only"` or
 * `// { verdict: "mask", masked_columns: [{ column: "contact", … }, …], … }`: JavaScript-like values
 * (double-quoted strings, numbers, `true`, `false`, `null`, `undefined`, arrays, objects with bare
 * keys) separated by spaces, where `…` stands for any value, any further items of an array, or any
 * text inside a string. An object names the keys that matter: others may be there too (a trailing
 * `…` may say so). A comment that does not read as such a
 * list (prose, "e.g. …") is not an assertion.
 */
export type Expected =
  | { kind: "any" }
  | { kind: "literal"; value: string | number | boolean | null | undefined }
  | { kind: "text"; pattern: RegExp; source: string }
  | { kind: "array"; items: Expected[]; open: boolean }
  | { kind: "object"; entries: [string, Expected][] };

const ellipsis = "…";

/** Reads a comment's text as a list of expected values, or `undefined` when it is prose. */
export function parseExpected(comment: string): Expected[] | undefined {
  const reader = new Reader(comment.trim());
  const values: Expected[] = [];
  try {
    while (!reader.done()) {
      values.push(reader.value());
      reader.skipSpace();
    }
  } catch {
    return undefined;
  }
  return values.length > 0 ? values : undefined;
}

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  skipSpace(): void {
    while (/\s/.test(this.text[this.at] ?? "")) this.at++;
  }

  private take(token: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }

  private fail(): never {
    throw new SyntaxError(`not a result at ${this.at}`);
  }

  value(): Expected {
    this.skipSpace();
    if (this.take(ellipsis)) return { kind: "any" };
    if (this.take("[")) return this.array();
    if (this.take("{")) return this.object();
    if (this.text[this.at] === '"') return this.string();
    const word = /^(-?\d+(?:\.\d+)?(?:e\d+)?|true|false|null|undefined)(?![\w$])/.exec(
      this.text.slice(this.at),
    )?.[0];
    if (word === undefined) this.fail();
    this.at += word.length;
    const literals: Record<string, boolean | null | undefined> = {
      true: true,
      false: false,
      null: null,
      undefined: undefined,
    };
    return { kind: "literal", value: word in literals ? literals[word] : Number(word) };
  }

  private string(): Expected {
    const match = /^"((?:[^"\\]|\\.)*)"/.exec(this.text.slice(this.at));
    if (!match) this.fail();
    this.at += match[0].length;
    const text = JSON.parse(match[0]) as string;
    if (!text.includes(ellipsis)) return { kind: "literal", value: text };
    const escaped = text.split(ellipsis).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return { kind: "text", pattern: new RegExp(`^${escaped.join("[\\s\\S]*")}$`), source: text };
  }

  private array(): Expected {
    const items: Expected[] = [];
    let open = false;
    while (!this.take("]")) {
      if (items.length > 0 || open) if (!this.take(",")) this.fail();
      const item = this.value();
      if (item.kind === "any" && this.peekClose("]")) open = true;
      else items.push(item);
    }
    return { kind: "array", items, open };
  }

  private object(): Expected {
    const entries: [string, Expected][] = [];
    let first = true;
    while (!this.take("}")) {
      if (!first && !this.take(",")) this.fail();
      first = false;
      if (this.take(ellipsis)) continue;
      this.skipSpace();
      const key = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.at))?.[0];
      if (key === undefined) this.fail();
      this.at += key.length;
      if (!this.take(":")) this.fail();
      entries.push([key, this.value()]);
    }
    return { kind: "object", entries };
  }

  private peekClose(token: string): boolean {
    this.skipSpace();
    return this.text.startsWith(token, this.at);
  }
}

/** Where `actual` differs from `expected` (a path and what was there), or `undefined` when it matches. */
export function mismatch(expected: Expected, actual: unknown, path = "value"): string | undefined {
  switch (expected.kind) {
    case "any":
      return actual === undefined ? `${path} is missing` : undefined;
    case "literal":
      return Object.is(actual, expected.value)
        ? undefined
        : `${path} is ${show(actual)}, not ${show(expected.value)}`;
    case "text":
      return typeof actual === "string" && expected.pattern.test(actual)
        ? undefined
        : `${path} is ${show(actual)}, not like ${show(expected.source)}`;
    case "array": {
      if (!Array.isArray(actual)) return `${path} is ${show(actual)}, not an array`;
      const sized = expected.open
        ? actual.length >= expected.items.length
        : actual.length === expected.items.length;
      if (!sized) return `${path} has ${actual.length} items, not ${expected.items.length}`;
      for (const [i, item] of expected.items.entries()) {
        const found = mismatch(item, actual[i], `${path}[${i}]`);
        if (found) return found;
      }
      return undefined;
    }
    case "object": {
      if (typeof actual !== "object" || actual === null)
        return `${path} is ${show(actual)}, not an object`;
      const record = actual as Record<string, unknown>;
      for (const [key, value] of expected.entries) {
        const found = mismatch(value, record[key], `${path}.${key}`);
        if (found) return found;
      }
      return undefined;
    }
  }
}

function show(value: unknown): string {
  return value === undefined ? "undefined" : JSON.stringify(value);
}
