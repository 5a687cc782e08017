import createClientExport from "openapi-fetch";

type CreateClient = typeof createClientExport;

/**
 * openapi-fetch's `createClient`, however this file was loaded. In our CommonJS build the default
 * import is openapi-fetch's whole `exports` object (esbuild's Node interop for "type": "module"
 * packages), so the function is one level further down there.
 */
export const createClient: CreateClient =
  typeof createClientExport === "function"
    ? createClientExport
    : (createClientExport as unknown as { default: CreateClient }).default;
