/**
 * The few functions of libpg-query's WebAssembly build the engine calls, and how their results
 * are laid out in its memory (32-bit pointers; each struct's fields are 4 bytes apart).
 */
export interface ParserModule {
  _malloc(size: number): number;
  _free(pointer: number): void;
  lengthBytesUTF8(text: string): number;
  stringToUTF8(text: string, pointer: number, capacity: number): void;
  UTF8ToString(pointer: number): string;
  getValue(pointer: number, type: "i32"): number;
  _wasm_parse_query_raw(query: number): number;
  _wasm_free_parse_result(result: number): void;
  _wasm_fingerprint(query: number): number;
  _wasm_normalize_query(query: number): number;
  _wasm_free_string(text: number): void;
}

/** What the parser reports about SQL it refuses: its message and 0-based cursor position. */
export class ParserError extends Error {
  /** 0-based offset into the SQL where the parser stopped, when it says. */
  readonly position: number | undefined;

  constructor(message: string, position?: number) {
    super(message);
    this.name = "ParserError";
    this.position = position;
  }
}

/** Runs one parser call on a copy of `sql` in the module's memory, then frees the copy. */
function withSql<T>(module: ParserModule, sql: string, call: (pointer: number) => T): T {
  const size = module.lengthBytesUTF8(sql) + 1;
  const pointer = module._malloc(size);
  try {
    module.stringToUTF8(sql, pointer, size);
    return call(pointer);
  } finally {
    module._free(pointer);
  }
}

/** The parse tree as JSON text, or the parser's refusal (a plain value: no stack trace to capture). */
export type ParseTree =
  | { ok: true; json: string }
  | { ok: false; message: string; position: number | undefined };

/**
 * The parse tree of `sql`; a refusal comes back as a value, since evaluating SQL that does not
 * parse is routine and building an `Error` for it cost more than the rest of the evaluation.
 */
export function parseTree(module: ParserModule, sql: string): ParseTree {
  if (sql === "") return { ok: false, message: "Query cannot be empty", position: undefined };
  return withSql(module, sql, (query): ParseTree => {
    const result = module._wasm_parse_query_raw(query);
    if (result === 0) throw new ParserError("the parser could not allocate memory");
    try {
      const tree = module.getValue(result, "i32");
      const error = module.getValue(result + 8, "i32");
      if (error !== 0) return { ok: false, ...readError(module, error) };
      return { ok: true, json: tree === 0 ? "{}" : module.UTF8ToString(tree) };
    } finally {
      module._wasm_free_parse_result(result);
    }
  });
}

/** The parse tree of `sql` as JSON text; throws `ParserError` when PostgreSQL refuses it. */
export function parseToJson(module: ParserModule, sql: string): string {
  const tree = parseTree(module, sql);
  if (!tree.ok) throw new ParserError(tree.message, tree.position);
  return tree.json;
}

/** Message at offset 0 of the parser's error struct, 1-based cursor position at offset 16. */
function readError(module: ParserModule, error: number): { message: string; position: number } {
  const message = module.getValue(error, "i32");
  const cursor = module.getValue(error + 16, "i32");
  return {
    message: message === 0 ? "the parser refused the SQL" : module.UTF8ToString(message),
    position: cursor > 0 ? cursor - 1 : 0,
  };
}

/** A call that answers with a string, or with an error message in its place. */
function stringCall(
  module: ParserModule,
  sql: string,
  call: (module: ParserModule, query: number) => number,
): string {
  return withSql(module, sql, (query) => {
    const result = call(module, query);
    try {
      const text = module.UTF8ToString(result);
      if (/^(syntax error|deparse error|ERROR)/.test(text)) throw new ParserError(text);
      return text;
    } finally {
      module._wasm_free_string(result);
    }
  });
}

/** The parser's fingerprint (hex) of `sql`. */
export function fingerprintOf(module: ParserModule, sql: string): string {
  return stringCall(module, sql, (m, query) => m._wasm_fingerprint(query));
}

/** `sql` with its constants replaced by `$1`, `$2`, … */
export function normalizeOf(module: ParserModule, sql: string): string {
  return stringCall(module, sql, (m, query) => m._wasm_normalize_query(query));
}
