// Built by Vite: a browser app whose API calls are answered by MSW's service worker running the
// emulator's handlers, with dry-evaluations judged by the engine in the page; then a request no
// handler answers, which `failOnUnhandledRequests` must stop before it reaches the network.
import { createPolicyClient } from "@pgbeam/policies-client";
import { createEngine } from "@pgbeam/policies-engine";
import wasm from "@pgbeam/policies-engine/libpg-query.wasm?url";
import { createPolicyMock } from "@pgbeam/policies-mock";
import { failOnUnhandledRequests, mswHandlers } from "@pgbeam/policies-mock/msw";
import { setupWorker } from "msw/browser";
import { clientRoundTrip } from "./checks.mjs";

async function run() {
  // Before the worker starts: failing closed, MSW would refuse the .wasm fetch.
  const mock = createPolicyMock({ engine: await createEngine({ wasm }) });
  const worker = setupWorker(...mswHandlers(mock));
  await worker.start({ ...failOnUnhandledRequests, quiet: true });
  try {
    const pgbeam = createPolicyClient({ apiKey: "pgb_msw", maxRetries: 0 });
    const roundTrip = await clientRoundTrip(pgbeam, "prj_msw");
    // This page's own server answers 404 here if the request gets that far. Refused, it rejects
    // (msw 2) or gets MSW's 500 "Request Handler Error" (msw 3).
    const unhandled = await fetch(new URL("/not-handled", location.href)).then(
      (response) => (response.status === 404 ? "reached the network" : "refused"),
      () => "refused",
    );
    return { roundTrip, unhandled };
  } finally {
    worker.stop();
  }
}

globalThis.results = run().catch((error) => ({ error: `${error.name}: ${error.message}` }));
