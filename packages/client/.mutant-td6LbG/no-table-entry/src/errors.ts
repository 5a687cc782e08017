import { type FieldError, PgBeamError } from "@pgbeam/policies-types";
import type { ApiErrorCode } from "./error-code.js";
import { PgBeamClientError } from "./error-json.js";
import { etagOf } from "./etag-header.js";
import type { ProblemFields } from "./problem-document.js";
import { parseRetryAfterMs } from "./retry-after.js";

/** `T` with every field optional (and allowed to be undefined). */
type OptionalFields<T> = { [K in keyof T]?: T[K] | undefined };

/** Base class of every error the PgBeam packages throw; `instanceof PgBeamError` catches them all. */
export { PgBeamClientError, PgBeamError };

/** Fields that describe an error response from the API; the problem document's are optional. */
export interface ApiErrorInit extends OptionalFields<ProblemFields> {
  /** HTTP status code. */
  status: number;
  /** Human-readable message. */
  message: string;
  /** The URL that was called. */
  url?: string | undefined;
  /** Response headers. */
  headers: Headers;
  /** The response body, parsed as JSON when it was JSON, else its text. */
  body: unknown;
  /** The suggestion, in the client's terms, that `message` includes (see `PgBeamApiError.hint`). */
  hint?: string | undefined;
}

/**
 * The API answered with an error status and (normally) an RFC 9457 problem document. Branch on
 * `code`, which is stable; `message` (`"<status> <detail or title>"`) may be reworded.
 */
export class PgBeamApiError extends PgBeamClientError {
  override name = "PgBeamApiError";
  /** HTTP status code. */
  readonly status: number;
  /** Machine-readable code (`NOT_FOUND`, `RESOURCE_EXISTS`, …); open set: new codes may appear. */
  readonly code: ApiErrorCode | undefined;
  /** URI naming the error condition in PgBeam's error catalog. */
  readonly type: string | undefined;
  /** Short summary of the condition. */
  readonly title: string | undefined;
  /** What went wrong on this occasion, for a person. */
  readonly detail: string | undefined;
  /** The request path that failed. */
  readonly instance: string | undefined;
  /** Correlation id (body `request_id`, else the `X-Request-Id` header): quote it to support. */
  readonly requestId: string | undefined;
  /** The invalid fields of a 400 (`{ field, detail }`), empty otherwise. */
  readonly fieldErrors: readonly FieldError[];
  /** The URL that was called. */
  readonly url: string | undefined;
  /** Response headers. */
  readonly headers: Headers;
  /** Parsed response body (JSON value or text). */
  readonly body: unknown;
  /**
   * The suggestion in `message` that names the client's own options (`"; is baseUrl the Policies
   * API?"`), exactly as it appears there; undefined when there is none. A tool that words errors
   * for its own users (a CLI) removes it and adds its own.
   */
  readonly hint: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.type = init.type;
    this.title = init.title;
    this.detail = init.detail;
    this.instance = init.instance;
    this.requestId = init.requestId;
    this.fieldErrors = init.fieldErrors ?? [];
    this.url = init.url;
    this.headers = init.headers;
    this.body = init.body;
    this.hint = init.hint;
  }
}

/** 400: a parameter or body field is missing, has the wrong type, or is out of range (`fieldErrors`). */
export class BadRequestError extends PgBeamApiError {
  override name = "BadRequestError";
}

/** 401: no credentials, or an invalid or expired API key or token. */
export class AuthenticationError extends PgBeamApiError {
  override name = "AuthenticationError";
}

/** 403: valid credentials, but the role (`FORBIDDEN`) or the plan (`PLAN_LIMIT_REACHED`) does not allow it. */
export class PermissionDeniedError extends PgBeamApiError {
  override name = "PermissionDeniedError";
}

/** 404: the project or profile does not exist or is not visible to these credentials. */
export class NotFoundError extends PgBeamApiError {
  override name = "NotFoundError";
}

/** 409: the resource already exists or conflicts with current state (e.g. a profile still in use). */
export class ConflictError extends PgBeamApiError {
  override name = "ConflictError";
}

/** 412: `ifMatch` no longer matches: someone changed the profile. `etag` is its current tag. */
export class PreconditionFailedError extends PgBeamApiError {
  override name = "PreconditionFailedError";
  /** The profile's current ETag (from the 412's `ETag` header), when the server sent it. */
  readonly etag: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.etag = etagOf(init.headers);
  }
}

/** 413: the request body is over the API's size limit. */
export class PayloadTooLargeError extends PgBeamApiError {
  override name = "PayloadTooLargeError";
}

/** 415: the request body was not sent as JSON. */
export class UnsupportedMediaTypeError extends PgBeamApiError {
  override name = "UnsupportedMediaTypeError";
}

/** 429: rate limited; `retryAfterMs` says how long the server asked to wait. */
export class RateLimitError extends PgBeamApiError {
  override name = "RateLimitError";
  /** Milliseconds the server asked to wait (from `Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.retryAfterMs = parseRetryAfterMs(init.headers.get("retry-after"));
  }
}

/** 5xx: the server or a proxy in front of it failed. */
export class InternalServerError extends PgBeamApiError {
  override name = "InternalServerError";
}

/**
 * A 4xx whose body is not a PgBeam problem document (an HTML 404 from a wrong `baseUrl`, say):
 * something other than the Policies API answered, so it is not a `NotFoundError` and has no `code`.
 */
export class UnrecognizedResponseError extends PgBeamApiError {
  override name = "UnrecognizedResponseError";
}

/** What `PgBeamConnectionError` knows about a failed connection. */
export interface ConnectionErrorInit {
  /** The host that could not be reached (`api.pgbeam.com:443`). */
  host: string;
  /** The system's error code (`ECONNREFUSED`, `ENOTFOUND`, …), when the platform gave one. */
  code?: string | undefined;
  /** The underlying error. */
  cause?: unknown;
}

/** No response arrived: DNS, refused or reset connection, TLS, or a body cut off mid-way. */
export class PgBeamConnectionError extends PgBeamClientError {
  override name = "PgBeamConnectionError";
  /** The host that could not be reached. */
  readonly host: string;
  /** The system's error code (`ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`, …), when known. */
  readonly code: string | undefined;

  constructor(message: string, init: ConnectionErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.host = init.host;
    this.code = init.code;
  }
}

/** Which budget a `PgBeamTimeoutError` ran out of. */
export type TimeoutBudget = "timeoutMs" | "totalTimeoutMs";

/** An attempt took longer than `timeoutMs`, or the whole call (retries included) than `totalTimeoutMs`. */
export class PgBeamTimeoutError extends PgBeamConnectionError {
  override name = "PgBeamTimeoutError";
  /** The option whose budget ran out. */
  readonly budget: TimeoutBudget;
  /** That budget, in milliseconds. */
  readonly timeoutMs: number;

  constructor(host: string, budget: TimeoutBudget, timeoutMs: number) {
    super(
      budget === "timeoutMs"
        ? `The request to ${host} timed out after ${timeoutMs} ms (timeoutMs, per attempt).`
        : `The call to ${host} ran out of its ${timeoutMs} ms budget (totalTimeoutMs, retries included).`,
      { host },
    );
    this.budget = budget;
    this.timeoutMs = timeoutMs;
  }
}

/** A response arrived but could not be used: invalid JSON, or larger than `maxResponseBytes`. */
export class PgBeamResponseError extends PgBeamClientError {
  override name = "PgBeamResponseError";
  /** HTTP status of the unusable response. */
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** The suggestion a redirect error carries (its `hint`, also in its message). */
const redirectHint = " (check baseUrl)";

/** The server answered with a redirect (3xx). The API never redirects, so the client does not follow. */
export class PgBeamRedirectError extends PgBeamClientError {
  override name = "PgBeamRedirectError";
  /** HTTP status of the redirect. */
  readonly status: number;
  /** Origin of the `Location` the server pointed to, when it said and it parses. */
  readonly locationOrigin: string | undefined;
  /** The suggestion in `message` that names the client's `baseUrl`, exactly as it appears there. */
  readonly hint = redirectHint;

  constructor(status: number, locationOrigin: string | undefined) {
    super(
      `The API answered ${status || "a redirect"}${locationOrigin ? ` to ${locationOrigin}` : ""}; ` +
        `the Policies API never redirects, so the client did not follow it${redirectHint}.`,
    );
    this.status = status;
    this.locationOrigin = locationOrigin;
  }
}

/** An option or argument was refused before anything was sent; `argument` names it. */
export class PgBeamArgumentError extends PgBeamClientError {
  override name = "PgBeamArgumentError";
  /** The option or argument at fault (`timeoutMs`, `projectId`, `input.bound_policy_id`, …). */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
}

/** `modifyPolicyProfile` met a 412 on every attempt: others keep changing the profile. */
export class PgBeamConcurrentUpdateError extends PgBeamClientError {
  override name = "PgBeamConcurrentUpdateError";
  /** How many read-modify-write rounds were tried. */
  readonly attempts: number;

  /** `what` names the resource as a sentence starts with it: `Profile pol_1`, `Approval rule apl_1`. */
  constructor(what: string, attempts: number, cause: PreconditionFailedError) {
    super(
      `${what} changed under every one of ${attempts} read-modify-write attempts ` +
        "(412 each time); raise maxAttempts or retry later.",
      { cause },
    );
    this.attempts = attempts;
  }
}
