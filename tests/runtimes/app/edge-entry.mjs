// Vercel's edge runtime: a fetch listener; the host hands the compiled parser in as PARSER_WASM,
// as Next.js does for a `.wasm?module` import.
import { createEngine } from "@pgbeam/policies-engine";
import { runChecks } from "./checks.mjs";

async function answer(checks) {
  // First without the module, as a function that forgot it would: the error must say what to do.
  const withoutWasm = await createEngine().then(
    () => "loaded",
    (error) => error.message,
  );
  return { ...(await runChecks({ ...checks, wasm: globalThis.PARSER_WASM })), withoutWasm };
}

addEventListener("fetch", (event) => {
  const query = new URL(event.request.url).searchParams;
  const checks = { baseUrl: query.get("base"), project: query.get("project") };
  event.respondWith(answer(checks).then((results) => Response.json(results)));
});
