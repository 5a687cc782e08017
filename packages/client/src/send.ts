import { apiErrorFromResponse } from "./api-error.js";
import { PgBeamError, PgBeamResponseError } from "./errors.js";
import type { RequestOptions } from "./request-options.js";
import type { AttemptOptions, Transport } from "./transport.js";

/** The per-call options handed to an openapi-fetch method. */
export interface CallInit {
  fetch: (request: Request) => Promise<Response>;
  bodySerializer: (body: unknown) => string;
  headers: Record<string, string>;
  signal?: AbortSignal;
}

/** What an openapi-fetch method resolves to. */
interface FetchResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** How one resource method wants its call sent. */
export interface SendSpec {
  /** Headers the method adds (after the caller's own). */
  headers?: Record<string, string>;
  /** Retry this POST although it carries no idempotency key (it persists nothing). */
  retryPost?: boolean;
  /** False for operations documented to answer without a body (204). */
  expectBody?: boolean;
}

/** Throws a clear error when an id argument is not a non-empty string. */
export function requireId(name: string, value: unknown): void {
  if (typeof value !== "string" || value === "") {
    throw new PgBeamError(
      `${name} must be a non-empty string (got ${value === "" ? '""' : typeof value}).`,
    );
  }
}

/** Runs one openapi-fetch call through the transport and returns its data, or throws a typed error. */
export async function send<D>(
  transport: Transport,
  options: RequestOptions | undefined,
  spec: SendSpec,
  run: (init: CallInit) => Promise<FetchResult<D>>,
): Promise<D> {
  let status = 0;
  let body: string | undefined;
  const attempt: AttemptOptions = {
    timeoutMs: options?.timeoutMs,
    maxRetries: options?.maxRetries,
    retryPost: spec.retryPost === true,
    body: () => body,
  };
  const init: CallInit = {
    // openapi-fetch's own JSON serialization, remembered so that a retry can resend the body.
    bodySerializer: (value) => {
      body = JSON.stringify(value);
      return body;
    },
    fetch: async (request) => {
      const response = await transport(request, attempt);
      status = response.status;
      return response;
    },
    headers: { ...options?.headers, ...spec.headers },
    ...(options?.signal ? { signal: options.signal } : {}),
  };

  let result: FetchResult<D>;
  try {
    result = await run(init);
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new PgBeamResponseError(
        `The ${status} response body is not valid JSON (${error.message}).`,
        status,
      );
    }
    throw error;
  }
  const { data, error, response } = result;
  if (!response.ok) throw apiErrorFromResponse(response, error);
  if (data === undefined && spec.expectBody !== false) {
    throw new PgBeamResponseError(
      `The ${response.status} response has no body, but the API documents one.`,
      response.status,
    );
  }
  return data as D;
}
