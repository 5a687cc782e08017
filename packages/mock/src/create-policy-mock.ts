import { buildPolicyMock, type CreatePolicyMockOptions, type PolicyMock } from "./mock-core.js";

/**
 * Creates an emulator of the PgBeam Policies API that keeps state like the service. This is the
 * Web build (browsers, workers, edge runtimes): `mock.fetch` and the MSW handlers work, and
 * `mock.listen()` rejects, because an HTTP server needs `node:http` (on Node, Bun and Deno the
 * package resolves to the build that has it, also importable as `@pgbeam/policies-mock/node`).
 */
export function createPolicyMock(options: CreatePolicyMockOptions = {}): PolicyMock {
  return buildPolicyMock(options, () =>
    Promise.reject(
      new Error(
        "mock.listen() needs node:http, which this runtime does not have: use mock.fetch or the MSW handlers (@pgbeam/policies-mock/msw) here, or import @pgbeam/policies-mock/node on Node, Bun or Deno.",
      ),
    ),
  );
}
