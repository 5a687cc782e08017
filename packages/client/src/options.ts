import { PgBeamError } from "./errors.js";
import type { Logger, LogLevel } from "./logger.js";
import type { FetchFunction } from "./transport.js";

/** Settings of {@link createPolicyClient}; every one is optional. */
export interface ClientOptions {
  /** API key (`pgb_…`). Defaults to the `PGBEAM_API_KEY` environment variable where there is one. */
  apiKey?: string;
  /** Returns a bearer token (API key or JWT); called before every attempt, so it may refresh. */
  token?: () => string | Promise<string>;
  /** API origin. Defaults to `PGBEAM_BASE_URL`, else `https://api.pgbeam.com`. */
  baseUrl?: string;
  /** Allow an `http://` base URL on a non-loopback host (credentials then travel in clear text). */
  allowInsecureHttp?: boolean;
  /** The fetch to send requests with (default `globalThis.fetch`); pass `init` on, it carries the timeout signal. */
  fetch?: FetchFunction;
  /** Timeout of each attempt in milliseconds, body included (default 30 000). */
  timeoutMs?: number;
  /** Retries after the first attempt for retryable failures (default 2). */
  maxRetries?: number;
  /** Longest `Retry-After` the client waits for; above it a 429 fails at once (default 60 000 ms). */
  maxRetryAfterMs?: number;
  /** Largest response body accepted, in bytes (default 16 MiB). */
  maxResponseBytes?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Where log lines go (default `console`). */
  logger?: Logger;
  /** How much to log (default `off`). */
  logLevel?: LogLevel;
}

/** {@link ClientOptions} with defaults applied and every value checked. */
export interface ResolvedOptions {
  authorization: () => Promise<string>;
  baseUrl: string;
  fetch: FetchFunction;
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  maxResponseBytes: number;
  headers: Record<string, string>;
  logger: Logger | undefined;
  logLevel: LogLevel;
}

const defaultBaseUrl = "https://api.pgbeam.com";
const logLevels: readonly LogLevel[] = ["debug", "info", "warn", "error", "off"];

function env(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.[name];
  return value === "" ? undefined : value;
}

function invalid(message: string): never {
  throw new PgBeamError(`Invalid client option: ${message}`);
}

function count(name: string, value: number | undefined, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < 0 ||
    (integer && !Number.isInteger(value))
  ) {
    invalid(
      `${name} must be a non-negative ${integer ? "integer" : "number"} (got ${String(value)}).`,
    );
  }
  return value;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function checkBaseUrl(raw: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return invalid(`baseUrl must be an absolute http(s) URL (got ${JSON.stringify(raw)}).`);
  }
  if (!/^https?:$/.test(url.protocol)) invalid(`baseUrl must use https (got ${url.protocol}).`);
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !allowInsecureHttp) {
    invalid(
      `baseUrl ${url.origin} uses plain http, which would send your API key unencrypted. ` +
        "Use https, a loopback host, or set allowInsecureHttp: true.",
    );
  }
  return raw.replace(/\/+$/, "");
}

function authorization(options: ClientOptions): () => Promise<string> {
  if (options.apiKey !== undefined && options.token !== undefined) {
    invalid("pass either apiKey or token, not both.");
  }
  const { token } = options;
  if (token !== undefined) {
    if (typeof token !== "function") invalid("token must be a function that returns a string.");
    return async () => {
      const value = await token();
      if (typeof value !== "string" || value === "") {
        throw new PgBeamError("The token function must return a non-empty string.");
      }
      return `Bearer ${value}`;
    };
  }
  const apiKey = options.apiKey ?? env("PGBEAM_API_KEY");
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    invalid("no API key. Pass apiKey or token, or set the PGBEAM_API_KEY environment variable.");
  }
  const header = `Bearer ${apiKey.trim()}`;
  return () => Promise.resolve(header);
}

/** Applies defaults (environment included) and throws a {@link PgBeamError} naming any bad option. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (typeof (options.fetch ?? globalThis.fetch) !== "function") {
    invalid("fetch must be a function, and no global fetch exists.");
  }
  const logLevel = options.logLevel ?? "off";
  if (!logLevels.includes(logLevel))
    invalid(`logLevel must be one of ${logLevels.join(", ")} (got ${String(logLevel)}).`);
  return {
    authorization: authorization(options),
    baseUrl: checkBaseUrl(
      options.baseUrl ?? env("PGBEAM_BASE_URL") ?? defaultBaseUrl,
      options.allowInsecureHttp === true,
    ),
    fetch: options.fetch ?? ((request, init) => globalThis.fetch(request, init)),
    timeoutMs: count("timeoutMs", options.timeoutMs, 30_000),
    maxRetries: count("maxRetries", options.maxRetries, 2, true),
    maxRetryAfterMs: count("maxRetryAfterMs", options.maxRetryAfterMs, 60_000),
    maxResponseBytes: count("maxResponseBytes", options.maxResponseBytes, 16 * 1024 * 1024, true),
    headers: { ...options.headers },
    logger: options.logger,
    logLevel,
  };
}
