/**
 * Options for `server.listen(…)` (msw/node) and `worker.start(…)` (msw/browser) that make a
 * request no handler answers an error instead of a real network call, on msw 2 and msw 3 alike.
 *
 * msw 2 reads `onUnhandledRequest`; msw 3 renamed it `onUnhandledFrame` and ignores the old name
 * (so an unhandled request would only warn and then reach the network, carrying the test's API
 * key). Each major ignores the other's key, so this one object fails closed on both.
 */
export const failOnUnhandledRequests: {
  /** What msw 2 reads. */
  readonly onUnhandledRequest: "error";
  /** What msw 3 reads. */
  readonly onUnhandledFrame: "error";
} = { onUnhandledRequest: "error", onUnhandledFrame: "error" };
