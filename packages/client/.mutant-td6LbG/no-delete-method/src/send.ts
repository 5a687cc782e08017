import { type OperationId, operationTable } from "@pgbeam/policies-types";
import { apiErrorFromResponse } from "./api-error.js";
import type { Sent } from "./api-promise.js";
import type { CallContext } from "./call-context.js";
import { PgBeamArgumentError, PgBeamResponseError } from "./errors.js";
import { checkNumber, maxRetriesLimit, maxTimerMs } from "./options.js";
import type { RequestOptions } from "./request-options.js";
import type { Transport } from "./transport.js";

/** The per-call options handed to an openapi-fetch method. */
export interface CallInit {
  fetch: (request: Request) => Promise<Response>;
  bodySerializer: (body: unknown) => string;
  headers: Record<string, string>;
  signal?: AbortSignal;
}

/** What an openapi-fetch method resolves to. */
export interface FetchResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** How one resource method wants its call sent (everything else comes from the operation table). */
export interface SendSpec {
  /** Headers the method adds (after the caller's own). */
  headers?: Record<string, string>;
  /** True for a conditional read, whose 304 Not Modified is a result (undefined data), not an error. */
  notModifiedIsResult?: boolean;
}

/**
 * Throws a clear error when an id argument cannot name a path segment: not a non-empty string,
 * a dot segment (`.` or `..`, which URL parsing would resolve into another path, since
 * percent-encoding leaves dots alone), or text with a lone surrogate (which cannot be encoded).
 */
export function requireId(name: string, value: unknown): void {
  if (typeof value !== "string" || value === "") {
    throw new PgBeamArgumentError(
      name,
      `${name} must be a non-empty string (got ${value === "" ? '""' : typeof value}).`,
    );
  }
  if (value === "." || value === "..") {
    throw new PgBeamArgumentError(
      name,
      `${name} must not be "${value}": as a path segment it would change which URL is called.`,
    );
  }
  if (!isWellFormed(value)) {
    throw new PgBeamArgumentError(
      name,
      `${name} contains a lone UTF-16 surrogate, which cannot be sent in a URL.`,
    );
  }
}

/** True when a string has no lone surrogate (String.prototype.isWellFormed, for Node 20.0+). */
function isWellFormed(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return false;
  }
  return true;
}

// The ranges of the per-call numeric options, made once rather than on every call.
const durationLimits = { min: 1, max: maxTimerMs };
const retryLimits = { min: 0, max: maxRetriesLimit, integer: true };

/**
 * Runs one openapi-fetch call of `operation` through the transport and returns its data and
 * response, or throws a typed error. The operation table says whether it may be retried and
 * whether its success has a body; the call's state lives in one {@link CallContext}.
 */
export async function send<D>(
  transport: Transport,
  operation: OperationId,
  options: RequestOptions | undefined,
  spec: SendSpec,
  run: (init: CallInit) => Promise<FetchResult<D>>,
): Promise<Sent<D>> {
  const facts = operationTable[operation];
  const context: CallContext = {
    operation,
    timeoutMs: callSetting("timeoutMs", options?.timeoutMs, durationLimits),
    totalTimeoutMs: callSetting("totalTimeoutMs", options?.totalTimeoutMs, durationLimits),
    maxRetries: callSetting("maxRetries", options?.maxRetries, retryLimits),
    retry: facts.retry,
    signal: options?.signal,
    target: undefined,
    status: 0,
  };
  const init: CallInit = {
    // openapi-fetch's own JSON serialization, kept so that a retry can resend the body.
    bodySerializer: (value) => {
      context.sentBody = JSON.stringify(value);
      return context.sentBody;
    },
    fetch: async (request) => {
      context.target = request;
      const response = await transport(request, context);
      context.status = response.status;
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
        `The ${context.status} response body is not valid JSON (${error.message}).`,
        context.status,
      );
    }
    throw error;
  }
  const { data, error, response } = result;
  if (response.status === 304) {
    if (spec.notModifiedIsResult === true) return { data: undefined as D, response };
    throw new PgBeamResponseError(
      "The API answered 304 Not Modified to a read that was not conditional (an If-None-Match " +
        "header?); pass ifNoneMatch to the read instead, and a 304 resolves to { notModified: true }.",
      304,
    );
  }
  if (!response.ok) {
    throw apiErrorFromResponse(
      response,
      error,
      transport.redact,
      context.target,
      context.retryOutcome,
    );
  }
  const expectBody = !facts.noBody.includes(response.status as never);
  if (data === undefined && expectBody) {
    throw new PgBeamResponseError(
      `The ${response.status} response has no body, but the API documents one.`,
      response.status,
    );
  }
  if (expectBody && (typeof data !== "object" || data === null || Array.isArray(data))) {
    throw new PgBeamResponseError(
      `The ${response.status} response body is ${data === null ? "null" : Array.isArray(data) ? "an array" : typeof data}, but the API documents a JSON object.`,
      response.status,
    );
  }
  return { data: data as D, response };
}

/** A per-call numeric option, checked like the client's own; undefined when not given. */
function callSetting(
  name: string,
  value: number | undefined,
  limits: { min: number; max: number; integer?: boolean },
): number | undefined {
  if (value === undefined) return undefined;
  return checkNumber(name, value, limits, (option, message) => {
    throw new PgBeamArgumentError(option, `Invalid request option: ${message}`);
  });
}
