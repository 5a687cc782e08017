import type { ResolvedWasm } from "./wasm-source.js";

// Written as `new URL("…", import.meta.url)` so that Vite and webpack see the file and emit it
// next to the bundle; other bundlers leave the URL as is.
const packagedWasm = () => new URL("../libpg-query.wasm", import.meta.url).href;

/** In browsers and workers: the packaged `.wasm`, fetched from beside the bundle. */
export async function defaultWasm(): Promise<ResolvedWasm> {
  return { kind: "url", url: packagedWasm() };
}

/** Where the default comes from, for error messages. */
export const defaultWasmOrigin = "the packaged libpg-query.wasm, next to the bundle";
