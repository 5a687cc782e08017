// Vercel's edge runtime: a fetch listener; the host hands the compiled parser in as PARSER_WASM,
// as Next.js does for a `.wasm?module` import.
import { runChecks } from "./checks.mjs";

addEventListener("fetch", (event) => {
  const query = new URL(event.request.url).searchParams;
  const checks = { baseUrl: query.get("base"), project: query.get("project") };
  event.respondWith(
    runChecks({ ...checks, wasm: globalThis.PARSER_WASM }).then((results) =>
      Response.json(results),
    ),
  );
});
