import { fileURLToPath } from "node:url";

/**
 * The parser's `.wasm` this package ships: `dist/libpg-query.wasm`, beside the built module that
 * reads it (the engine's tests, which run the source, point this at the build dependency's copy).
 */
export function packagedWasmPath(): string {
  return fileURLToPath(new URL("./libpg-query.wasm", import.meta.url));
}
