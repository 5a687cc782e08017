import { readFile } from "node:fs/promises";
import { packagedWasmPath } from "./packaged-wasm-path.js";
import type { ResolvedWasm } from "./wasm-source.js";

/** On Node, Bun and Deno: the packaged parser's bytes, read from disk. */
export async function defaultWasm(): Promise<ResolvedWasm> {
  return { kind: "bytes", bytes: await readFile(packagedWasmPath()) };
}

/** Where the default comes from, for error messages. */
export const defaultWasmOrigin = "the packaged libpg-query.wasm (read from disk)";
