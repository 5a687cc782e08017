import { createPolicyClient, type PolicyClient } from "@pgbeam/policies-client";
import { validationMiddleware } from "@pgbeam/policies-validators";
import type { PolicyMock } from "../src/index.js";

/** The API key the tests send. */
export const apiKey = "pgb_mock_test";

/**
 * A client on the mock's in-process fetch, with the validation middleware: every request and
 * response of a test is checked against the spec, so a response the spec does not allow fails it.
 */
export function clientFor(
  mock: PolicyMock,
  options: { maxRetries?: number; baseUrl?: string } = {},
): PolicyClient {
  const client = createPolicyClient({
    apiKey,
    fetch: options.baseUrl === undefined ? mock.fetch : fetch,
    maxRetries: options.maxRetries ?? 0,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
  });
  client.raw.use(validationMiddleware());
  return client;
}
