// A Cloudflare Worker, bundled by Wrangler: workerd compiles no WebAssembly from bytes, so the
// parser comes in as a module import (Wrangler's rule for .wasm files).
import { createEngine } from "@pgbeam/policies-engine";
import wasm from "@pgbeam/policies-engine/libpg-query.wasm";
import { runChecks } from "./checks.mjs";

export default {
  async fetch(request) {
    // First without the module, as a worker that forgot it would: the error must say what to do.
    const withoutWasm = await createEngine().then(
      () => "loaded",
      (error) => error.message,
    );
    const query = new URL(request.url).searchParams;
    const checks = { baseUrl: query.get("base"), project: query.get("project"), wasm };
    return Response.json({ ...(await runChecks(checks)), withoutWasm });
  },
};
