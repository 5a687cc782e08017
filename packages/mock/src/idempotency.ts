import type { OperationId } from "@pgbeam/policies-types";
import { serviceFacts } from "@pgbeam/policies-types";
import { canonicalJson } from "./canonical-json.js";
import type { MockResponse } from "./exchange.js";
import { fail } from "./problem.js";
import type { IdempotentAnswer, ProjectData } from "./store.js";

/** What the service does with a request under an `Idempotency-Key`, before running it. */
export type IdempotentLookup = { replay: MockResponse } | { store(response: MockResponse): void };

/** True for an answer the key keeps: a success or a settled 4xx (never 408, 429 or a 5xx). */
function isSettled(status: number): boolean {
  return status < 400 || (status < 500 && status !== 408 && status !== 429);
}

/**
 * Looks a key up, as the service does: within the window (24 hours on the mock's clock) the same
 * body (key order aside) gets the first answer back, another body a 409; otherwise the request
 * runs and its answer is kept when it is settled.
 */
export function idempotentLookup(
  project: ProjectData,
  operationId: OperationId,
  key: string,
  body: { value: unknown; text: string } | undefined,
  nowMs: number,
): IdempotentLookup {
  // The operation is part of what was sent: the same key on another operation is another request.
  const requestBody = `${operationId} ${body === undefined ? "" : canonicalJson(body.value)}`;
  const earlier = project.idempotency.get(key);
  if (earlier !== undefined && nowMs - earlier.atMs < serviceFacts.idempotencyWindowMs) {
    if (earlier.requestBody !== requestBody) {
      fail(
        409,
        `Idempotency-Key ${key} was already used with a different request body; use a new key for a new request.`,
        { code: "IDEMPOTENCY_KEY_REUSED" },
      );
    }
    return { replay: { ...earlier.response, headers: { ...earlier.response.headers } } };
  }
  if (earlier !== undefined) project.idempotency.delete(key);
  return {
    store(response) {
      if (!isSettled(response.status)) return;
      const answer: IdempotentAnswer = {
        requestBody,
        response: {
          status: response.status,
          headers: { ...response.headers },
          body: response.body,
        },
        atMs: nowMs,
      };
      project.idempotency.set(key, answer);
    },
  };
}
