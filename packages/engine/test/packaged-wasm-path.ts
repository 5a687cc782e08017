// Stands in for src/packaged-wasm-path.ts while the tests run the source (vitest.config.ts): the
// build copies this same file, libpg-query's, to dist/libpg-query.wasm.
import { createRequire } from "node:module";

/** libpg-query's `.wasm`, which the build ships as `dist/libpg-query.wasm`. */
export function packagedWasmPath(): string {
  return createRequire(import.meta.url).resolve("libpg-query/wasm/libpg-query.wasm");
}
