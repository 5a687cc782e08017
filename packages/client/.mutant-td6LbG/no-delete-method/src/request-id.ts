/** The request id the server put in `x-request-id` (or `request-id`), for support tickets. */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
}
