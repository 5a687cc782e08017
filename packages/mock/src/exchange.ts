// The emulator's own request and response: plain values, so the HTTP server needs no Web
// Request/Response objects (they cost more than the emulation itself).
import { type LimitedBody, readWebBody } from "./read-body.js";

/** A request as the emulator reads it. */
export interface MockRequest {
  method: string;
  /** The request's path and query (a `URL` is one). */
  url: { readonly pathname: string; readonly searchParams: URLSearchParams };
  /** A header's value (names are case-insensitive), or null. */
  header(name: string): string | null;
  /** The body as text (read once), or `{ ok: false }` as soon as it is longer than `limit` bytes. */
  body(limit: number): Promise<LimitedBody>;
  /** Aborted when the caller goes away. */
  readonly signal: AbortSignal | undefined;
}

/** A response as the emulator answers: status, headers, and a JSON text body (or none). */
export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A JSON response. */
export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): MockResponse {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(value),
  };
}

/** The emulator's view of a Web `Request` (for `mock.fetch` and MSW). */
export function fromWebRequest(request: Request): MockRequest {
  return {
    method: request.method,
    url: new URL(request.url),
    header: (name) => request.headers.get(name),
    body: (limit) => readWebBody(request.body, limit),
    signal: request.signal,
  };
}

/** A Web `Response` for an emulator response. */
export function toWebResponse(response: MockResponse): Response {
  return new Response(response.body ?? null, {
    status: response.status,
    headers: response.headers,
  });
}
