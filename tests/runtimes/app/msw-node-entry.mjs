// Node with MSW's setupServer (msw 2 or msw 3, whichever the project installed): the client's
// round trip answered by the mock's handlers, and a request no handler answers, which
// `failOnUnhandledRequests` must stop before it reaches the network. Prints one JSON line.
import { createServer } from "node:http";
import { createPolicyClient } from "@pgbeam/policies-client";
import { createPolicyMock } from "@pgbeam/policies-mock";
import { failOnUnhandledRequests, mswHandlers } from "@pgbeam/policies-mock/msw";
import { setupServer } from "msw/node";
import { clientRoundTrip } from "./checks.mjs";

/** A loopback server standing for "the real network": it counts what reaches it. */
async function realNetwork() {
  let reached = 0;
  const server = createServer((_, response) => {
    reached += 1;
    response.end("reached");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, reached: () => reached, server };
}

const network = await realNetwork();
const mock = createPolicyMock();
const server = setupServer(...mswHandlers(mock));
server.listen(failOnUnhandledRequests);
const results = {};
try {
  const pgbeam = createPolicyClient({ apiKey: "pgb_msw", maxRetries: 0 });
  results.roundTrip = await clientRoundTrip(pgbeam, "prj_msw");
  try {
    await fetch(`${network.url}/v1/projects/prj_msw/policies`, {
      headers: { authorization: "Bearer pgb_msw" },
    });
    results.unhandled = "reached the network";
  } catch {
    results.unhandled = "refused";
  }
  results.reachedNetwork = network.reached();
} catch (error) {
  results.error = `${error.name}: ${error.message}`;
} finally {
  server.close();
  network.server.close();
}
console.log(JSON.stringify(results));
