import { resolveWasmSource, type WasmSource } from "./wasm-source.js";

/** Options of `createEngine()`. */
export interface EngineOptions {
  /**
   * The libpg-query WebAssembly: a `WebAssembly.Module`, its bytes or its URL. Needed where the
   * engine cannot find it alone (workerd, edge runtimes, bundles that do not emit the packaged
   * file); Node, Bun and Deno read it from disk. Only the first successful load counts.
   */
  wasm?: WasmSource | undefined;
}

/** Checks `createEngine()`'s options before anything loads; throws a `TypeError` that says what is wrong. */
export function checkEngineOptions(options: unknown): EngineOptions {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `createEngine: options must be an object such as { wasm } (got ${options === null ? "null" : Array.isArray(options) ? "an array" : typeof options})`,
    );
  }
  const { wasm } = options as { wasm?: unknown };
  if (wasm === undefined) return {};
  resolveWasmSource(wasm);
  return { wasm: wasm as WasmSource };
}
