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

/** A bound log function, or undefined when logging is off. */
export type Log = (
  level: Exclude<LogLevel, "off">,
  message: string,
  fields: Record<string, unknown>,
) => void;

const rank = { debug: 0, info: 1, warn: 2, error: 3, off: 4 } as const;

/** Returns a log function that drops lines below `level`, or undefined when `level` is `off`. */
export function createLog(logger: Logger | undefined, level: LogLevel): Log | undefined {
  if (level === "off") return undefined;
  const sink = logger ?? console;
  return (lineLevel, message, fields) => {
    if (rank[lineLevel] >= rank[level]) sink[lineLevel](`[pgbeam] ${message}`, fields);
  };
}

const secretHeader = /auth|key|token|secret|cookie|session|signature|password/i;

/** Header names and values, with credentials and anything key-like replaced by `[redacted]`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = name !== "idempotency-key" && secretHeader.test(name) ? "[redacted]" : value;
  });
  return out;
}
