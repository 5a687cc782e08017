import { etagOf, tagListMatches } from "./etag.js";
import type { MockResponse } from "./exchange.js";

/** A 200 with the representation and its ETag, or a 304 with only the ETag when `If-None-Match` names it. */
export function conditional(
  ifNoneMatch: string | undefined,
  body: string,
  etag = etagOf(body),
): MockResponse {
  if (ifNoneMatch !== undefined && tagListMatches(ifNoneMatch, etag, true))
    return { status: 304, headers: { etag }, body: undefined };
  return { status: 200, headers: { "content-type": "application/json", etag }, body };
}

/** A 204 without a body. */
export function noContent(): MockResponse {
  return { status: 204, headers: {}, body: undefined };
}
