/**
 * `@pgbeam/policies-engine/libpg-query.wasm`: the PostgreSQL parser's WebAssembly, as your
 * bundler gives it when you import the file: a compiled `WebAssembly.Module` (Wrangler, for
 * workerd) or the emitted file's URL (esbuild's `file` loader, webpack's `asset/resource`).
 * Either one goes to `createEngine({ wasm })`.
 */
declare const wasm: WebAssembly.Module | string;
export default wasm;
