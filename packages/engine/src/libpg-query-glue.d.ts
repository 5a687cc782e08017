/** The emscripten factory libpg-query ships: it builds one parser instance per call. */
declare module "libpg-query/wasm/libpg-query.js" {
  const createParserModule: (options: Record<string, unknown>) => Promise<unknown>;
  export default createParserModule;
}
