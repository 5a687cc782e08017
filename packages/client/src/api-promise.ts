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

const ignore = () => {};

/**
 * The promise every client method returns: await it for the data, or call `.withResponse()` for
 * `{ data, response, requestId, etag }` (the shape openai-node's `APIPromise` uses).
 */
export class ApiPromise<T> extends Promise<T> {
  // `then`, `catch` and `finally` return plain promises, not ApiPromises.
  static override get [Symbol.species]() {
    return Promise;
  }

  readonly #withResponse: Promise<WithResponse<T>>;

  constructor(withResponse: Promise<WithResponse<T>>) {
    super((resolve, reject) => {
      withResponse.then((result) => resolve(result.data), reject);
    });
    this.#withResponse = withResponse;
    // A caller awaits one of the two: a failure must not also surface as an unhandled rejection.
    this.catch(ignore);
    withResponse.catch(ignore);
  }

  /** Resolves to the data with the response, its request id and its ETag. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#withResponse;
  }
}

/** What a call produces before it is wrapped: the data and the final response. */
export interface Sent<T> {
  data: T;
  response: Response;
}

/** Runs a call (argument checks included, so they reject rather than throw) as an ApiPromise. */
export function apiCall<T>(run: () => Promise<Sent<T>>): ApiPromise<T> {
  return new ApiPromise(
    (async () => {
      const { data, response } = await run();
      const { headers } = response;
      return { data, response, requestId: requestIdOf(headers), etag: etagOf(headers) };
    })(),
  );
}
