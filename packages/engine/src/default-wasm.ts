import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { ResolvedWasm } from "./wasm-source.js";

/** On Node, Bun and Deno: the parser's bytes, read from the installed `libpg-query`. */
export async function defaultWasm(): Promise<ResolvedWasm> {
  const path = createRequire(import.meta.url).resolve("libpg-query/wasm/libpg-query.wasm");
  return { kind: "bytes", bytes: await readFile(path) };
}

/** Where the default comes from, for error messages. */
export const defaultWasmOrigin = "libpg-query/wasm/libpg-query.wasm (read from disk)";
