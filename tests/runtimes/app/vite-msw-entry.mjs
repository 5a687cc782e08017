// Built by Vite: a browser app whose API calls are answered by MSW's service worker running the
// emulator's handlers, with dry-evaluations judged by the engine in the page.
import { createPolicyClient } from "@pgbeam/policies-client";
import { createEngine } from "@pgbeam/policies-engine";
import wasm from "@pgbeam/policies-engine/libpg-query.wasm?url";
import { createPolicyMock } from "@pgbeam/policies-mock";
import { mswHandlers } from "@pgbeam/policies-mock/msw";
import { setupWorker } from "msw/browser";
import { clientRoundTrip } from "./checks.mjs";

async function run() {
  // Before the worker starts: with onUnhandledRequest "error", MSW would refuse the .wasm fetch.
  const mock = createPolicyMock({ engine: await createEngine({ wasm }) });
  const worker = setupWorker(...mswHandlers(mock));
  await worker.start({ quiet: true, onUnhandledRequest: "error" });
  try {
    const pgbeam = createPolicyClient({ apiKey: "pgb_msw", maxRetries: 0 });
    return await clientRoundTrip(pgbeam, "prj_msw");
  } finally {
    worker.stop();
  }
}

globalThis.results = run().catch((error) => ({ error: `${error.name}: ${error.message}` }));
