// failOnUnhandledRequests on the msw this package tests with (msw 2; the runtime matrix runs it
// on msw 3): a request no handler answers is refused and never reaches the network.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { failOnUnhandledRequests, mswHandlers } from "../src/msw.js";
import { createPolicyMock } from "../src/node.js";
import { apiKey } from "./helpers.js";

let reached = 0;
const network = createServer((_, response) => {
  reached += 1;
  response.end("reached");
});
const server = setupServer(...mswHandlers(createPolicyMock()));

beforeAll(async () => {
  await new Promise<void>((resolve) => network.listen(0, "127.0.0.1", resolve));
  server.listen(failOnUnhandledRequests);
});

afterAll(() => {
  server.close();
  network.close();
});

test("carries the option of each msw major, both set to error", () => {
  expect(failOnUnhandledRequests).toEqual({
    onUnhandledRequest: "error",
    onUnhandledFrame: "error",
  });
});

test("a handled request is answered by the mock", async () => {
  const response = await fetch("https://api.pgbeam.com/v1/projects/prj_closed/policies", {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  expect(response.status).toBe(200);
});

test("an unhandled request is refused, and never reaches the network", async () => {
  const { port } = network.address() as AddressInfo;
  await expect(
    fetch(`http://127.0.0.1:${port}/v1/projects/prj_closed/policies`, {
      headers: { authorization: `Bearer ${apiKey}` },
    }),
  ).rejects.toThrow();
  expect(reached).toBe(0);
});
