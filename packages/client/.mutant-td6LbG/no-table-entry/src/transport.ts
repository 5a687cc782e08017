import type { RetrySafety } from "@pgbeam/policies-types";
import { AbortCall, type AbortStep } from "./abort-step.js";
import { backoffMs } from "./backoff.js";
import { Deadlines } from "./deadlines.js";
import {
  PgBeamConnectionError,
  PgBeamError,
  PgBeamRedirectError,
  PgBeamTimeoutError,
  type TimeoutBudget,
} from "./errors.js";
import { type Log, redactHeaders } from "./logger.js";
import { networkFailureOf } from "./network-failure.js";
import { bufferResponse } from "./read-body.js";
import { requestIdOf } from "./request-id.js";
import { parseRetryAfterMs } from "./retry-after.js";
import { seconds } from "./retry-note.js";

/** The fetch the transport sends with: it should pass `init` on (it carries the attempt's signal). */
export type FetchFunction = (request: Request, init?: RequestInit) => Promise<Response>;

/** What the transport needs from the client's configuration. */
export interface TransportConfig {
  fetch: FetchFunction;
  /** Returns the `Authorization` header value; called before every attempt (`refresh` after a 401). */
  authorization: (refresh: boolean) => Promise<string>;
  /** Send a call that got 401 once more, after asking the token function for a fresh token. */
  refreshTokenOn401: boolean;
  timeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  maxResponseBytes: number;
  log: Log | undefined;
}

/** Per-call settings of the transport, and what it reports back about the call. */
export interface AttemptOptions {
  timeoutMs?: number | undefined;
  totalTimeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** The operation's retry safety, from the operation table (undefined for `raw`: by method). */
  retry?: RetrySafety | undefined;
  /** The request's body as sent, to rebuild it for a retry without copying its stream. */
  sentBody?: string | undefined;
  /** The caller's signal, if any: aborting it aborts the call. */
  signal?: AbortSignal | undefined;
  /** Written by the transport: how the retries of a failed call ended (`failed after 3 attempts`). */
  retryOutcome?: string | undefined;
}

/** A `fetch` for openapi-fetch: one call in, one final response out, with retries underneath. */
export type Transport = ((request: Request, options?: AttemptOptions) => Promise<Response>) & {
  /**
   * Replaces every credential this transport has sent with `[redacted]`; credentials shorter than
   * {@link minRedactedLength} are left alone (redacting them would shred ordinary text).
   */
  redact(text: string): string;
};

/**
 * The shortest credential that is redacted from error texts. A real API key or JWT is far longer;
 * a shorter one (`"test"`, `"1"`) is a placeholder, and replacing it everywhere would corrupt
 * messages and ids that merely contain those characters.
 */
export const minRedactedLength = 8;

const retryStatuses = new Set([408, 429, 500, 502, 503, 504]);
const idempotentMethods = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * Whether a call may be sent again after a failure whose outcome is unknown: the operation
 * table's answer for a client method, else (a `raw` request) the method's HTTP semantics. A
 * create is safe only while it carries its `Idempotency-Key`.
 */
function retrySafe(request: Request, retry: RetrySafety | undefined): boolean {
  if (retry === "safe") return true;
  if (retry === "unsafe") return false;
  if (request.headers.has("idempotency-key")) return true;
  return retry === undefined && idempotentMethods.has(request.method);
}

/** A synchronous throw of the fetch function: a programming error, never a network failure. */
class ThrownSynchronously {
  constructor(readonly error: unknown) {}
}

/** Calls `fetch`, turning a synchronous throw into a rejection with a ThrownSynchronously. */
function callFetch(fetch: FetchFunction, request: Request, init: RequestInit): Promise<Response> {
  try {
    return fetch(request, init);
  } catch (error) {
    return Promise.reject(new ThrownSynchronously(error));
  }
}

/** Builds the retrying, timing-out, authenticating fetch that sits under openapi-fetch. */
export function createTransport(config: TransportConfig): Transport {
  const { log } = config;
  // The bearer tokens sent so far, so an error text that echoes one can have it removed.
  const sentSecrets = new Set<string>();
  // Every attempt's timeout, on one timer.
  const deadlines = new Deadlines();

  /** Authenticates, sends and reads the whole body. */
  async function exchange(
    request: Request,
    init: RequestInit,
    refresh: boolean,
  ): Promise<Response> {
    // Getting the token counts against the attempt's timeout and the caller's signal too.
    const authorization = await config.authorization(refresh);
    const secret = authorization.slice("Bearer ".length);
    if (secret.length >= minRedactedLength) sentSecrets.add(secret);
    request.headers.set("authorization", authorization);
    const response = await callFetch(config.fetch, request, init);
    return bufferResponse(refuseRedirect(response), config.maxResponseBytes);
  }

  /**
   * One attempt under its own timeout (`timeoutMs`, or what is left of `totalTimeoutMs` when that
   * is less). It settles as soon as the timer or the caller aborts it, even with a fetch that
   * ignores its signal. A network failure becomes a PgBeamConnectionError naming its cause and the
   * host; any other exception (a programming error in a fetch wrapper) is rethrown as it is.
   */
  async function attempt(
    request: Request,
    call: AbortCall,
    timeoutMs: number,
    budget: TimeoutBudget,
    budgetMs: number,
    refresh: boolean,
  ): Promise<Response> {
    const step = call.step();
    const deadline = deadlines.add(timeoutMs, () =>
      step.abort(new PgBeamTimeoutError(hostOf(request), budget, budgetMs)),
    );
    try {
      return await step.run(() => exchange(request, fetchInit(step), refresh));
    } catch (error) {
      // The caller's reason, or the PgBeamTimeoutError.
      if (step.aborted) throw step.reason;
      if (error instanceof ThrownSynchronously) throw error.error;
      if (error instanceof PgBeamError) throw error;
      const failure = networkFailureOf(error);
      if (failure === undefined) throw error;
      const host = hostOf(request);
      const code = failure.code === undefined ? "" : ` (${failure.code})`;
      throw new PgBeamConnectionError(`Could not reach ${host}: ${failure.description}${code}.`, {
        host,
        code: failure.code,
        cause: error,
      });
    } finally {
      deadlines.remove(deadline);
    }
  }

  /** Waits before a retry; the caller's abort ends the wait at once. */
  async function pause(call: AbortCall, ms: number): Promise<void> {
    const step = call.step();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await step.run(() => new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))));
    } finally {
      clearTimeout(timer);
    }
  }

  const transport = async (request: Request, options?: AttemptOptions): Promise<Response> => {
    // A call from `send` names the caller's signal (or none, and then nothing can abort the call
    // but its timeout); a request from `raw` carries it as its own signal.
    const caller = options ? options.signal : request.signal;
    const call = new AbortCall();
    if (caller === undefined) return send(request, options ?? {}, call);
    caller.throwIfAborted();
    const onCallerAbort = () => call.abort(caller.reason);
    caller.addEventListener("abort", onCallerAbort, { once: true });
    try {
      return await send(request, options ?? {}, call);
    } finally {
      caller.removeEventListener("abort", onCallerAbort);
    }
  };

  /** The attempts of one call: retries with backoff, `Retry-After`, and a body kept for resending. */
  async function send(
    request: Request,
    options: AttemptOptions,
    call: AbortCall,
  ): Promise<Response> {
    const timeoutMs = options.timeoutMs ?? config.timeoutMs;
    const totalTimeoutMs = options.totalTimeoutMs ?? config.totalTimeoutMs;
    const deadline = Date.now() + totalTimeoutMs;
    const maxRetries = options.maxRetries ?? config.maxRetries;
    const retryable = retrySafe(request, options.retry);
    const hasBody = request.body !== null;
    // A body is a stream that one attempt consumes: keep a way to send it again.
    const serialized = hasBody ? options.sentBody : undefined;
    let spare =
      hasBody &&
      ((retryable && maxRetries > 0) || config.refreshTokenOn401) &&
      serialized === undefined
        ? request.clone()
        : undefined;
    // Whether the one retry after a 401 (with a refreshed token) was made.
    let refreshed = false;
    let refreshedAt = 0;
    // What the log lines name; worked out for the first line that is written, if any.
    let target: { method: string; path: string } | undefined;
    const targetOf = () => {
      if (target === undefined) {
        const url = new URL(request.url);
        target = { method: request.method, path: url.pathname + url.search };
      }
      return target;
    };

    let current = request;
    for (let attemptNumber = 1; ; attemptNumber++) {
      const started = Date.now();
      const canRetry = retryable && attemptNumber - (refreshed ? 1 : 0) <= maxRetries;
      /** Logs one line about this attempt when `level` is enabled (else builds nothing). */
      const note = (level: keyof Log, message: string, extra: () => Record<string, unknown>) =>
        log?.[level]?.(message, {
          ...targetOf(),
          attempt: attemptNumber,
          durationMs: Date.now() - started,
          ...extra(),
        });
      if (attemptNumber > 1 && hasBody) {
        if (serialized !== undefined) current = new Request(request, { body: serialized });
        else if (spare) {
          current = spare;
          spare = canRetry ? spare.clone() : undefined;
        }
      }
      note("debug", "request", () => ({ headers: redactHeaders(current.headers) }));
      const leftMs = deadline - started;
      if (leftMs <= 0)
        throw new PgBeamTimeoutError(hostOf(request), "totalTimeoutMs", totalTimeoutMs);
      const perAttempt = timeoutMs <= leftMs;
      let response: Response;
      try {
        response = await attempt(
          current,
          call,
          perAttempt ? timeoutMs : leftMs,
          perAttempt ? "timeoutMs" : "totalTimeoutMs",
          perAttempt ? timeoutMs : totalTimeoutMs,
          refreshed && attemptNumber === refreshedAt,
        );
      } catch (error) {
        const delayMs = backoffMs(attemptNumber);
        if (!(error instanceof PgBeamConnectionError) || !canRetry || !fits(delayMs, deadline)) {
          note("error", "request failed", () => ({ error: String(error) }));
          throw error;
        }
        note("warn", "retrying", () => ({ error: error.message, delayMs }));
        await pause(call, delayMs);
        continue;
      }

      const { status, headers } = response;
      const seen = () => ({ status, requestId: requestIdOf(headers) });
      if (status === 401 && config.refreshTokenOn401 && !refreshed) {
        // Nothing ran under a refused credential, so any call may be sent again, once.
        note("warn", "401: retrying once with a refreshed token", seen);
        refreshed = true;
        refreshedAt = attemptNumber + 1;
        continue;
      }
      if (!retryStatuses.has(status)) {
        note(response.ok ? "info" : "error", "response", seen);
        return response;
      }
      // A retryable failure: what the error will say about the attempts, once there was more than one.
      const attempts = attemptNumber > 1 ? `failed after ${attemptNumber} attempts` : undefined;
      /** The response, marked with the attempts made and why there is no other. */
      const giveUp = (reason?: string) => {
        const outcome = [attempts, reason].filter((part) => part !== undefined).join("; ");
        if (outcome !== "") options.retryOutcome = outcome;
        return response;
      };
      if (!canRetry) {
        note("error", "response", seen);
        return giveUp();
      }
      const retryAfterMs = parseRetryAfterMs(headers.get("retry-after"));
      if (retryAfterMs !== undefined && retryAfterMs > config.maxRetryAfterMs) {
        note("error", "Retry-After is over maxRetryAfterMs: not retrying", () => ({
          ...seen(),
          retryAfterMs,
        }));
        return giveUp(
          `not retried: Retry-After ${seconds(retryAfterMs)} exceeds maxRetryAfterMs (${seconds(config.maxRetryAfterMs)})`,
        );
      }
      const delayMs = retryAfterMs ?? backoffMs(attemptNumber);
      if (!fits(delayMs, deadline)) {
        note("error", "the wait would pass totalTimeoutMs: not retrying", () => ({
          ...seen(),
          delayMs,
        }));
        const wait = retryAfterMs === undefined ? "the backoff of" : "Retry-After";
        return giveUp(
          `not retried: ${wait} ${seconds(delayMs)} exceeds the ${seconds(deadline - Date.now())} left of totalTimeoutMs`,
        );
      }
      note("warn", "retrying", () => ({ ...seen(), delayMs }));
      await pause(call, delayMs);
    }
  }
  return Object.assign(transport, {
    redact(text: string): string {
      let out = text;
      for (const secret of sentSecrets) out = out.split(secret).join("[redacted]");
      return out;
    },
  });
}

/**
 * The init the fetch gets: no redirect is followed, and the step's signal is an own getter, so a
 * fetch wrapper that spreads `init` still passes it on (and one that ignores it never makes it).
 */
function fetchInit(step: AbortStep): RequestInit {
  return {
    redirect: "manual",
    get signal() {
      return step.signal;
    },
  };
}

/** A redirect answer becomes a PgBeamRedirectError: the API never redirects, so none is followed. */
function refuseRedirect(response: Response): Response {
  // 304 Not Modified answers a conditional read; it is not a redirect.
  const redirected =
    response.type === "opaqueredirect" ||
    (response.status >= 300 && response.status < 400 && response.status !== 304);
  if (!redirected) return response;
  const location = response.headers.get("location");
  let origin: string | undefined;
  try {
    origin = location === null ? undefined : new URL(location, response.url || undefined).origin;
  } catch {
    origin = undefined;
  }
  void response.body?.cancel();
  throw new PgBeamRedirectError(response.status, origin);
}

/** True when a wait of `delayMs` still leaves time for an attempt before `deadline`. */
function fits(delayMs: number, deadline: number): boolean {
  return Date.now() + delayMs < deadline;
}

/** The host a request goes to (`api.pgbeam.com`, `127.0.0.1:4010`), as errors name it. */
function hostOf(request: Request): string {
  return new URL(request.url).host;
}
