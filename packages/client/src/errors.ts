import { PgBeamError } from "@pgbeam/policies-types";

/** Base class of every error the PgBeam packages throw; `instanceof PgBeamError` catches them all. */
export { PgBeamError };

/** Fields that describe an error response from the API. */
export interface ApiErrorInit {
  /** HTTP status code. */
  status: number;
  /** Stable machine-readable code from the body (`not_found`, `rate_limited`, …), when there is one. */
  code: string | undefined;
  /** Human-readable message. */
  message: string;
  /** Request id from the `x-request-id` (or `request-id`) response header, for support tickets. */
  requestId: string | undefined;
  /** Response headers. */
  headers: Headers;
  /** The response body, parsed as JSON when it was JSON, else its text. */
  body: unknown;
}

/** The API answered with an error status. Branch on `code`, which is stable; `message` may be reworded. */
export class PgBeamApiError extends PgBeamError {
  override name = "PgBeamApiError";
  /** HTTP status code. */
  readonly status: number;
  /** Stable machine-readable error code, when the body carried one. */
  readonly code: string | undefined;
  /** Request id from the response headers, when present. */
  readonly requestId: string | undefined;
  /** Response headers. */
  readonly headers: Headers;
  /** Parsed response body (JSON value or text). */
  readonly body: unknown;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.headers = init.headers;
    this.body = init.body;
  }

  /** A JSON form without headers and body, safe to log. */
  toJSON(): Record<string, unknown> {
    const { headers, body, ...fields } = this;
    return { ...fields, message: this.message };
  }
}

/** 400: a parameter or body field is missing, has the wrong type, or is out of range. */
export class BadRequestError extends PgBeamApiError {
  override name = "BadRequestError";
}

/** 401: no credentials, or an invalid or expired API key or token. */
export class AuthenticationError extends PgBeamApiError {
  override name = "AuthenticationError";
}

/** 403: valid credentials, but the plan's limits do not allow the operation. */
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

/** 429: rate limited; `retryAfterMs` says how long the server asked to wait. */
export class RateLimitError extends PgBeamApiError {
  override name = "RateLimitError";
  /** Milliseconds the server asked to wait (from `Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit & { retryAfterMs: number | undefined }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** 5xx: the server or a proxy in front of it failed. */
export class InternalServerError extends PgBeamApiError {
  override name = "InternalServerError";
}

/** No response arrived: DNS, refused or reset connection, or a body cut off mid-way. */
export class PgBeamConnectionError extends PgBeamError {
  override name = "PgBeamConnectionError";
}

/** An attempt took longer than `timeoutMs`. */
export class PgBeamTimeoutError extends PgBeamConnectionError {
  override name = "PgBeamTimeoutError";
}

/** A response arrived but could not be used: invalid JSON, or larger than `maxResponseBytes`. */
export class PgBeamResponseError extends PgBeamError {
  override name = "PgBeamResponseError";
  /** HTTP status of the unusable response. */
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** The server answered with a redirect (3xx). The API never redirects, so the client does not follow. */
export class PgBeamRedirectError extends PgBeamError {
  override name = "PgBeamRedirectError";
  /** HTTP status of the redirect. */
  readonly status: number;
  /** Origin of the `Location` the server pointed to, when it said and it parses. */
  readonly locationOrigin: string | undefined;

  constructor(status: number, locationOrigin: string | undefined) {
    super(
      `The API answered ${status || "a redirect"}${locationOrigin ? ` to ${locationOrigin}` : ""}; ` +
        "the Policies API never redirects, so the client did not follow it (check baseUrl).",
    );
    this.status = status;
    this.locationOrigin = locationOrigin;
  }
}
