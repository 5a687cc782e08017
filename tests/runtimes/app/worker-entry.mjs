// A Cloudflare Worker, bundled by Wrangler: workerd compiles no WebAssembly from bytes, so the
// parser comes in as a module import (Wrangler's rule for .wasm files).
import wasm from "@pgbeam/policies-engine/libpg-query.wasm";
import { runChecks } from "./checks.mjs";

export default {
  async fetch(request) {
    const query = new URL(request.url).searchParams;
    return Response.json(
      await runChecks({ baseUrl: query.get("base"), project: query.get("project"), wasm }),
    );
  },
};
