import { PgBeamArgumentError } from "./errors.js";
import type { Logger, LogLevel } from "./logger.js";
import { shownValue } from "./shown-value.js";
import type { FetchFunction } from "./transport.js";

/** Settings of {@link createPolicyClient}; every one is optional. */
export interface ClientOptions {
  /** API key (`pgb_…`). Defaults to the `PGBEAM_API_KEY` environment variable where there is one. */
  apiKey?: string | undefined;
  /**
   * Returns a bearer token (API key or JWT); called before every attempt, so it may refresh. With
   * `refreshTokenOn401`, it is called with `{ refresh: true }` after a 401: return a new token then.
   */
  token?: ((context: TokenContext) => string | Promise<string>) | undefined;
  /**
   * Retry a call that got 401 Unauthorized once, after calling `token({ refresh: true })`
   * (default false; needs `token`). Any operation may be retried so: a refused credential ran nothing.
   */
  refreshTokenOn401?: boolean | undefined;
  /** API origin. Defaults to `PGBEAM_BASE_URL`, else `https://api.pgbeam.com`. */
  baseUrl?: string | undefined;
  /** Allow an `http://` base URL on a non-loopback host (credentials then travel in clear text). */
  allowInsecureHttp?: boolean | undefined;
  /** The fetch to send requests with (default `globalThis.fetch`); pass `init` on, it carries the timeout signal. */
  fetch?: FetchFunction | undefined;
  /** Timeout of each attempt in milliseconds, body included (default 30 000). */
  timeoutMs?: number | undefined;
  /** Time budget of a whole call in milliseconds: every attempt and every wait between them (default 120 000). */
  totalTimeoutMs?: number | undefined;
  /** Retries after the first attempt for retryable failures (default 2). */
  maxRetries?: number | undefined;
  /** Longest `Retry-After` the client waits for; above it a 429 fails at once (default 60 000 ms). */
  maxRetryAfterMs?: number | undefined;
  /** Largest response body accepted, in bytes (default 16 MiB). */
  maxResponseBytes?: number | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Where log lines go (default `console`). */
  logger?: Logger | undefined;
  /** How much to log (default `off`). */
  logLevel?: LogLevel | undefined;
}

/** What the `token` function is told: `refresh` is true when the last token got a 401. */
export interface TokenContext {
  /** True when the previous token was refused (401) and a new one is wanted. */
  readonly refresh: boolean;
}

/** {@link ClientOptions} with defaults applied and every value checked. */
export interface ResolvedOptions {
  authorization: (refresh: boolean) => Promise<string>;
  refreshTokenOn401: boolean;
  baseUrl: string;
  fetch: FetchFunction;
  timeoutMs: number;
  totalTimeoutMs: number;
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

function invalid(option: string, message: string): never {
  throw new PgBeamArgumentError(option, `Invalid client option: ${message}`);
}

/** The largest delay `setTimeout` honours (above it Node fires after 1 ms). */
export const maxTimerMs = 2 ** 31 - 1;
/** The most retries a client or a call may ask for. */
export const maxRetriesLimit = 100;

/** Checks a numeric setting: finite, within [min, max], an integer when asked; else throws naming it. */
export function checkNumber(
  name: string,
  value: unknown,
  limits: { min: number; max: number; integer?: boolean },
  fail: (option: string, message: string) => never = invalid,
): number {
  const { min, max, integer = false } = limits;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    fail(
      name,
      `${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max} (got ${shownValue(value)}).`,
    );
  }
  return value;
}

function count(
  name: string,
  value: number | undefined,
  fallback: number,
  limits: { min: number; max: number; integer?: boolean },
): number {
  return value === undefined ? fallback : checkNumber(name, value, limits);
}

/** Where a secret has a character no HTTP header may carry: its 0-based index, or -1. */
export function unsendableCharAt(secret: string): number {
  for (let i = 0; i < secret.length; i++) {
    const code = secret.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return i;
  }
  return -1;
}

/** The message for a secret that cannot be sent; it never contains the secret. */
export function unsendableMessage(name: string, index: number, secret: string): string {
  const code = secret.charCodeAt(index);
  const what =
    code < 0x20 || code === 0x7f
      ? "a control character (a stray newline?)"
      : code === 0x20
        ? "a space"
        : "a non-ASCII character";
  return `${name} has ${what} at position ${index}, which cannot be sent in an HTTP header; check how it was read.`;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The URL as it may be shown in an error: any `user:password@` replaced. */
function shown(raw: string): string {
  const scheme = raw.indexOf("//");
  const at = raw.indexOf("@", scheme + 2);
  const text =
    scheme >= 0 && at > scheme ? `${raw.slice(0, scheme + 2)}[redacted]@${raw.slice(at + 1)}` : raw;
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

function checkBaseUrl(raw: string, allowInsecureHttp: boolean): string {
  if (typeof raw !== "string") invalid("baseUrl", `baseUrl must be a string (got ${typeof raw}).`);
  if (raw !== raw.trim())
    invalid("baseUrl", `baseUrl has spaces or line breaks around it (got ${shown(raw)}).`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return invalid("baseUrl", `baseUrl must be an absolute http(s) URL (got ${shown(raw)}).`);
  }
  if (url.username !== "" || url.password !== "") {
    invalid(
      "baseUrl",
      "baseUrl must not carry credentials (user:password@): pass the API key as apiKey or token.",
    );
  }
  if (!/^https?:$/.test(url.protocol))
    invalid("baseUrl", `baseUrl must use https (got ${url.protocol}).`);
  if (url.search !== "" || url.hash !== "" || raw.includes("?") || raw.includes("#")) {
    invalid(
      "baseUrl",
      `baseUrl must not have a query or fragment: every path is appended to it (got ${shown(raw)}).`,
    );
  }
  if (raw.includes("{") || raw.includes("}") || raw.toLowerCase().includes("%7b")) {
    invalid(
      "baseUrl",
      `baseUrl must be the API's origin, without path placeholders such as {project_id} (got ${shown(raw)}).`,
    );
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !allowInsecureHttp) {
    invalid(
      "baseUrl",
      `baseUrl ${url.origin} uses plain http, which would send your API key unencrypted. ` +
        "Use https, a loopback host, or set allowInsecureHttp: true.",
    );
  }
  return raw.replace(/\/+$/, "");
}

function authorization(options: ClientOptions): (refresh: boolean) => Promise<string> {
  if (options.apiKey !== undefined && options.token !== undefined) {
    invalid("apiKey", "pass either apiKey or token, not both.");
  }
  const { token } = options;
  if (token !== undefined) {
    if (typeof token !== "function")
      invalid("token", "token must be a function that returns a string.");
    return async (refresh) => {
      const value = await token({ refresh });
      if (typeof value !== "string" || value === "") {
        throw new PgBeamArgumentError(
          "token",
          "The token function must return a non-empty string.",
        );
      }
      const bad = unsendableCharAt(value);
      if (bad >= 0)
        throw new PgBeamArgumentError(
          "token",
          unsendableMessage("The token function's result", bad, value),
        );
      return `Bearer ${value}`;
    };
  }
  const apiKey = options.apiKey ?? env("PGBEAM_API_KEY");
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    invalid(
      "apiKey",
      "no API key. Pass apiKey or token, or set the PGBEAM_API_KEY environment variable.",
    );
  }
  const key = apiKey.trim();
  const bad = unsendableCharAt(key);
  if (bad >= 0) invalid("apiKey", unsendableMessage("apiKey", bad, key));
  const header = `Bearer ${key}`;
  return () => Promise.resolve(header);
}

/** Applies defaults (environment included) and throws a {@link PgBeamError} naming any bad option. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (typeof (options.fetch ?? globalThis.fetch) !== "function") {
    invalid("fetch", "fetch must be a function, and no global fetch exists.");
  }
  const logLevel = options.logLevel ?? "off";
  if (!logLevels.includes(logLevel))
    invalid(
      "logLevel",
      `logLevel must be one of ${logLevels.join(", ")} (got ${String(logLevel)}).`,
    );
  const refreshTokenOn401 = options.refreshTokenOn401 ?? false;
  if (typeof refreshTokenOn401 !== "boolean")
    invalid(
      "refreshTokenOn401",
      `refreshTokenOn401 must be a boolean (got ${typeof refreshTokenOn401}).`,
    );
  if (refreshTokenOn401 && options.token === undefined)
    invalid(
      "refreshTokenOn401",
      "refreshTokenOn401 needs a token function to ask for a new token; an apiKey cannot be refreshed.",
    );
  return {
    authorization: authorization(options),
    refreshTokenOn401,
    baseUrl: checkBaseUrl(
      options.baseUrl ?? env("PGBEAM_BASE_URL") ?? defaultBaseUrl,
      options.allowInsecureHttp === true,
    ),
    fetch: options.fetch ?? ((request, init) => globalThis.fetch(request, init)),
    timeoutMs: count("timeoutMs", options.timeoutMs, 30_000, { min: 1, max: maxTimerMs }),
    totalTimeoutMs: count("totalTimeoutMs", options.totalTimeoutMs, 120_000, {
      min: 1,
      max: maxTimerMs,
    }),
    maxRetries: count("maxRetries", options.maxRetries, 2, {
      min: 0,
      max: maxRetriesLimit,
      integer: true,
    }),
    maxRetryAfterMs: count("maxRetryAfterMs", options.maxRetryAfterMs, 60_000, {
      min: 0,
      max: maxTimerMs,
    }),
    maxResponseBytes: count("maxResponseBytes", options.maxResponseBytes, 16 * 1024 * 1024, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    }),
    headers: { ...options.headers },
    logger: options.logger,
    logLevel,
  };
}
