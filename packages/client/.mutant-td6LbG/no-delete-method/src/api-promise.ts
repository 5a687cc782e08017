import { etagOf } from "./etag-header.js";
import { requestIdOf } from "./request-id.js";

/** A call's result together with the HTTP response it came from. */
export interface WithResponse<T> {
  /** What the method resolves to. */
  readonly data: T;
  /** The final response (after retries); its body has been read. */
  readonly response: Response;
  /** The `X-Request-Id` of the response, to quote in a support ticket. */
  readonly requestId: string | undefined;
  /** The response's `ETag`, when it has one (to send back as `ifNoneMatch` or `ifMatch`). */
  readonly etag: string | undefined;
}

/** What a call produces before it is wrapped: the data and the final response. */
export interface Sent<T> {
  data: T;
  response: Response;
}

/**
 * The promise every client method returns: await it for the data, or call `.withResponse()` for
 * `{ data, response, requestId, etag }` (the shape openai-node's `APIPromise` uses). It is a
 * native promise with one method added (a `Promise` subclass costs more on every call).
 */
export interface ApiPromise<T> extends Promise<T> {
  /** Resolves to the data with the response, its request id and its ETag. */
  withResponse(): Promise<WithResponse<T>>;
}

function dataOf<T>(sent: Sent<T>): T {
  return sent.data;
}

function withResponseOf<T>({ data, response }: Sent<T>): WithResponse<T> {
  const { headers } = response;
  return { data, response, requestId: requestIdOf(headers), etag: etagOf(headers) };
}

/** Runs a call (argument checks included, so they reject rather than throw) as an ApiPromise. */
export function apiCall<T>(run: () => Promise<Sent<T>>): ApiPromise<T> {
  let sent: Promise<Sent<T>>;
  try {
    sent = run();
  } catch (error) {
    sent = Promise.reject(error);
  }
  const promise = sent.then(dataOf) as ApiPromise<T>;
  let withResponse: Promise<WithResponse<T>> | undefined;
  // Chained on `promise`, so awaiting only withResponse() still handles a failure of the call.
  promise.withResponse = () => {
    withResponse ??= promise.then(() => sent).then(withResponseOf);
    return withResponse;
  };
  return promise;
}
