import { listen } from "./http-server.js";
import { buildPolicyMock, type CreatePolicyMockOptions, type PolicyMock } from "./mock-core.js";

/**
 * Creates an emulator of the PgBeam Policies API that keeps state like the service, with
 * `mock.listen()` serving it over `node:http` (Node, Bun and Deno).
 */
export function createPolicyMock(options: CreatePolicyMockOptions = {}): PolicyMock {
  return buildPolicyMock(options, listen);
}
