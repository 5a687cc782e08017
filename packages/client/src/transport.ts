import { backoffMs, sleep } from "./backoff.js";
import { PgBeamConnectionError, PgBeamError, PgBeamTimeoutError } from "./errors.js";
import { type Log, redactHeaders } from "./logger.js";
import { bufferResponse } from "./read-body.js";
import { parseRetryAfterMs } from "./retry-after.js";

/** What the transport needs from the client's configuration. */
export interface TransportConfig {
  fetch: (request: Request) => Promise<Response>;
  /** Returns the `Authorization` header value; called before every attempt. */
  authorization: () => Promise<string>;
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  maxResponseBytes: number;
  log: Log | undefined;
}

/** Per-call overrides of the transport's behaviour. */
export interface AttemptOptions {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Retry a POST without an `Idempotency-Key` because it persists nothing. */
  retryPost?: boolean;
}

/** A `fetch` for openapi-fetch: one call in, one final response out, with retries underneath. */
export type Transport = (request: Request, options?: AttemptOptions) => Promise<Response>;

const retryStatuses = new Set([408, 429, 500, 502, 503, 504]);
const idempotentMethods = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** Builds the retrying, timing-out, authenticating fetch that sits under openapi-fetch. */
export function createTransport(config: TransportConfig): Transport {
  const { log } = config;

  async function attempt(request: Request, timeoutMs: number): Promise<Response> {
    const headers = new Headers(request.headers);
    headers.set("authorization", await config.authorization());
    request.signal.throwIfAborted();
    const controller = new AbortController();
    const caller = request.signal;
    const onCallerAbort = () => controller.abort(caller.reason);
    caller.addEventListener("abort", onCallerAbort, { once: true });
    const timer = setTimeout(
      () =>
        controller.abort(new PgBeamTimeoutError(`The request timed out after ${timeoutMs} ms.`)),
      timeoutMs,
    );
    try {
      const sent = new Request(request.clone(), { headers, signal: controller.signal });
      return await bufferResponse(await config.fetch(sent), config.maxResponseBytes);
    } catch (error) {
      if (caller.aborted) throw caller.reason;
      if (controller.signal.reason instanceof PgBeamTimeoutError) throw controller.signal.reason;
      if (error instanceof PgBeamError) throw error;
      throw new PgBeamConnectionError(
        `Could not reach ${new URL(request.url).origin}: ${reasonOf(error)}.`,
        {
          cause: error,
        },
      );
    } finally {
      clearTimeout(timer);
      caller.removeEventListener("abort", onCallerAbort);
    }
  }

  return async function transport(request, options = {}) {
    const timeoutMs = options.timeoutMs ?? config.timeoutMs;
    const maxRetries = options.maxRetries ?? config.maxRetries;
    const retryable =
      idempotentMethods.has(request.method) ||
      request.headers.has("idempotency-key") ||
      options.retryPost === true;
    const { pathname, search } = new URL(request.url);
    const target = { method: request.method, path: pathname + search };

    for (let attemptNumber = 1; ; attemptNumber++) {
      const started = Date.now();
      const canRetry = retryable && attemptNumber <= maxRetries;
      log?.("debug", "request", {
        ...target,
        attempt: attemptNumber,
        headers: redactHeaders(request.headers),
      });
      let response: Response;
      try {
        response = await attempt(request, timeoutMs);
      } catch (error) {
        const fields = { ...target, attempt: attemptNumber, durationMs: Date.now() - started };
        if (!(error instanceof PgBeamConnectionError) || !canRetry) {
          log?.("error", "request failed", { ...fields, error: String(error) });
          throw error;
        }
        const delayMs = backoffMs(attemptNumber);
        log?.("warn", "retrying after a connection failure", {
          ...fields,
          error: error.message,
          delayMs,
        });
        await sleep(delayMs, request.signal);
        continue;
      }

      const { status } = response;
      const fields = {
        ...target,
        status,
        attempt: attemptNumber,
        durationMs: Date.now() - started,
        requestId:
          response.headers.get("x-request-id") ?? response.headers.get("request-id") ?? undefined,
      };
      if (!retryStatuses.has(status) || !canRetry) {
        log?.(response.ok ? "info" : "error", "response", fields);
        return response;
      }
      const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"));
      if (retryAfterMs !== undefined && retryAfterMs > config.maxRetryAfterMs) {
        log?.("error", "response: Retry-After is over maxRetryAfterMs, not retrying", {
          ...fields,
          retryAfterMs,
        });
        return response;
      }
      const delayMs = retryAfterMs ?? backoffMs(attemptNumber);
      log?.("warn", "retrying", { ...fields, delayMs });
      await sleep(delayMs, request.signal);
    }
  };
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}
