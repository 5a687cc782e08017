import type { AstObject } from "./ast.js";
import { loadParserModule } from "./load-parser-module.js";
import {
  fingerprintOf,
  normalizeOf,
  ParserError,
  type ParserModule,
  parseTree,
} from "./parser-module.js";
import type { WasmSource } from "./wasm-source.js";

/** The outcome of parsing SQL text: the statements, or why the parser refused it. */
export type ParseOutcome =
  | { ok: true; statements: AstObject[] }
  | { ok: false; message: string; position?: number };

let loading: Promise<void> | undefined;
let parser: ParserModule | undefined;

/**
 * Loads the PostgreSQL parser (WebAssembly) once per process; later calls share the first load
 * and ignore their `wasm`. A failed load is forgotten, so the next call tries again.
 */
export function loadParser(wasm?: WasmSource): Promise<void> {
  loading ??= loadParserModule(wasm).then(
    (loaded) => {
      parser = loaded;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

function loadedParser(): ParserModule {
  if (parser === undefined)
    throw new Error("The PostgreSQL parser is not loaded: await createEngine() first.");
  return parser;
}

/** Parses SQL with the PostgreSQL 18 parser; never throws. The parser must be loaded. */
export function parseSql(sql: string): ParseOutcome {
  try {
    const tree = parseTree(loadedParser(), sql);
    if (!tree.ok) {
      return tree.position !== undefined && tree.position >= 0
        ? { ok: false, message: tree.message, position: tree.position }
        : { ok: false, message: tree.message };
    }
    const result = JSON.parse(tree.json) as {
      stmts?: { stmt?: AstObject }[];
    };
    const statements = (result.stmts ?? [])
      .map((entry) => entry.stmt)
      .filter((stmt): stmt is AstObject => stmt !== undefined);
    return { ok: true, statements };
  } catch (error) {
    return { ok: false, ...describeParseError(error) };
  }
}

/** The parser's message and 0-based cursor position, from whatever it threw. */
function describeParseError(error: unknown): { message: string; position?: number } {
  if (!(error instanceof Error)) return { message: String(error) };
  const position = error instanceof ParserError ? error.position : undefined;
  return position !== undefined && position >= 0
    ? { message: error.message, position }
    : { message: error.message };
}

/** The parser's fingerprint and `$N`-normalized text of SQL; throws the parser's error. */
export function fingerprintParts(sql: string): { hash: string; normalized: string } {
  const module = loadedParser();
  return { hash: fingerprintOf(module, sql), normalized: normalizeOf(module, sql) };
}
