/** How much the client logs; `off` (the default) logs nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Where log lines go; `console` fits. Every call gets a message and structured fields. */
export interface Logger {
  /** Each attempt, with redacted request headers. */
  debug(message: string, fields: Record<string, unknown>): void;
  /** Each completed request. */
  info(message: string, fields: Record<string, unknown>): void;
  /** Retries. */
  warn(message: string, fields: Record<string, unknown>): void;
  /** Failed requests. */
  error(message: string, fields: Record<string, unknown>): void;
}

type LineLevel = Exclude<LogLevel, "off">;
type Line = (message: string, fields: Record<string, unknown>) => void;

/**
 * One function per enabled level, none for the others: `log.debug?.(…)` then skips building
 * the fields of a line nobody will see.
 */
export type Log = Partial<Record<LineLevel, Line>>;

const levels: readonly LineLevel[] = ["debug", "info", "warn", "error"];

/** Binds the logger's methods for `level` and above; returns undefined when `level` is `off`. */
export function createLog(logger: Logger | undefined, level: LogLevel): Log | undefined {
  if (level === "off") return undefined;
  const sink = logger ?? console;
  const enabled = levels.slice(levels.indexOf(level));
  return Object.fromEntries(
    enabled.map((name) => [
      name,
      (message: string, fields: Record<string, unknown>) =>
        sink[name](`[pgbeam] ${message}`, fields),
    ]),
  );
}

const secretHeader = /auth|key|token|secret|cookie|session|signature|password|credential|cert/i;

/** Header names and values, with credentials and anything key-like replaced by `[redacted]`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = name !== "idempotency-key" && secretHeader.test(name) ? "[redacted]" : value;
  });
  return out;
}
