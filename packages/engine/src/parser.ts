import { fingerprintSync, loadModule, normalizeSync, parseSync } from "libpg-query";
import type { AstObject } from "./ast.js";

/** The outcome of parsing SQL text: the statements, or why the parser refused it. */
export type ParseOutcome =
  | { ok: true; statements: AstObject[] }
  | { ok: false; message: string; position?: number };

let loading: Promise<void> | undefined;

/** Loads the PostgreSQL parser (WebAssembly) once per process; later calls share the first load. */
export function loadParser(): Promise<void> {
  loading ??= loadModule().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Parses SQL with the PostgreSQL 18 parser; never throws. The parser must be loaded. */
export function parseSql(sql: string): ParseOutcome {
  try {
    const result = parseSync(sql) as unknown as { stmts?: { stmt?: AstObject }[] };
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
  const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
  const position = details?.cursorPosition;
  return typeof position === "number" && position >= 0
    ? { message: error.message, position }
    : { message: error.message };
}

/** The parser's fingerprint and `$N`-normalized text of SQL; throws the parser's error. */
export function fingerprintParts(sql: string): { hash: string; normalized: string } {
  return { hash: fingerprintSync(sql), normalized: normalizeSync(sql) };
}
