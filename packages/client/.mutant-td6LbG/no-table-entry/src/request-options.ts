/** Options accepted by every method, for that call only. */
export interface RequestOptions {
  /** Aborts the call, including a retry wait; the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Timeout of each attempt in milliseconds. */
  timeoutMs?: number | undefined;
  /** Time budget of the whole call, retries and waits included, in milliseconds. */
  totalTimeoutMs?: number | undefined;
  /** Retries after the first attempt. */
  maxRetries?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
}

/** Options of `createPolicyProfile`, which may also set its idempotency key. */
export interface CreateRequestOptions extends RequestOptions {
  /**
   * `Idempotency-Key` sent on every attempt, so a retried create is stored once. Generated per call
   * by default; pass your own to make retries across processes safe, or `false` to send none (and
   * so never retry the create).
   */
  idempotencyKey?: string | false | undefined;
}
