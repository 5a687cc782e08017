/** How safe an operation is to send again after a failure whose outcome is unknown. */
export type RetrySafety =
  /** GET, PUT, DELETE, and POSTs the spec marks `x-retry-safe` (they store nothing). */
  | "safe"
  /** A create: safe only while the retry carries the same `Idempotency-Key`. */
  | "with-idempotency-key"
  /** Never retried when its outcome is unknown. */
  | "unsafe";

/** The limits and default of one query parameter. */
export interface QueryParameterFacts {
  readonly required: boolean;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** The runtime facts of one operation, read from the spec by the types package's generator. */
export interface OperationFacts {
  /** Upper-case HTTP method. */
  readonly method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  /** The path template, as in the spec. */
  readonly path: string;
  /** The operation's first tag. */
  readonly tag: string;
  /** Path parameters in template order. */
  readonly pathParameters: readonly string[];
  /** Query parameters with their limits and defaults. */
  readonly queryParameters: Readonly<Record<string, QueryParameterFacts>>;
  /** Request headers the operation takes (`Idempotency-Key`, `If-None-Match`, `If-Match`). */
  readonly requestHeaders: readonly string[];
  /** The request body's schema name and whether it is required, or null when there is none. */
  readonly body: { readonly schema: string; readonly required: boolean } | null;
  /** The request body's top-level fields, in schema order (empty without a body). */
  readonly bodyFields: readonly string[];
  /** Defaults of the request body's top-level fields (what a field left out means). */
  readonly bodyDefaults: Readonly<Record<string, unknown>>;
  /** The documented success status (the first 2xx). */
  readonly success: number;
  /** Every documented status, ascending. */
  readonly statuses: readonly number[];
  /** The error codes each error status can carry (`x-error-codes`), first is the usual one. */
  readonly errorCodes: Readonly<Record<number, readonly string[]>>;
  /** Statuses documented without a body (204, 304). */
  readonly noBody: readonly number[];
  /** Response headers the spec marks required, per status. */
  readonly requiredResponseHeaders: Readonly<Record<number, readonly string[]>>;
  /** Whether the operation may be sent again after a failure whose outcome is unknown. */
  readonly retry: RetrySafety;
  /** Conditional-request headers the operation honours. */
  readonly conditional: { readonly ifNoneMatch: boolean; readonly ifMatch: boolean };
  /** Whether the success response carries an `ETag`. */
  readonly etag: boolean;
}

/** Facts that hold for every operation of the spec. */
export interface ServiceFacts {
  /** The largest request body accepted, in bytes (a larger one is a 413). */
  readonly requestBodyLimitBytes: number;
  /** How long the first answer to an `Idempotency-Key` is kept, in milliseconds. */
  readonly idempotencyWindowMs: number;
  /** The length limits of an `Idempotency-Key`. */
  readonly idempotencyKeyLength: { readonly min: number; readonly max: number };
}
