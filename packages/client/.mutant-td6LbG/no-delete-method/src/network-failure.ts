/** A fetch rejection that the network caused: what happened, in words, and the system's code. */
export interface NetworkFailure {
  /** `connection refused`, `DNS lookup failed`, `TLS failed`, … */
  description: string;
  /** The platform's code (`ECONNREFUSED`, `UND_ERR_SOCKET`, `CERT_HAS_EXPIRED`), when it gave one. */
  code: string | undefined;
}

/** Words for the codes Node (and undici, Bun, Deno) put on network errors. */
const descriptions: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ConnectionRefused: "connection refused",
  ENOTFOUND: "DNS knows no such host",
  EAI_AGAIN: "DNS lookup failed for now",
  EAI_FAIL: "DNS lookup failed",
  EAI_NONAME: "DNS knows no such host",
  ECONNRESET: "connection reset",
  EPIPE: "connection reset",
  UND_ERR_SOCKET: "connection closed by the other side",
  ConnectionClosed: "connection closed by the other side",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENETDOWN: "network down",
  FailedToOpenSocket: "could not open a socket",
};

/** Codes of certificate and TLS failures: Node's OpenSSL codes and its ERR_TLS_* / ERR_SSL_*. */
const tlsCode = /^(ERR_TLS_|ERR_SSL_|CERT_|EPROTO$)|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;
/**
 * System errno codes (ECONNREFUSED, EAI_AGAIN, …, but not Node's ERR_* programming errors) and
 * undici's socket-level codes.
 */
const systemCode =
  /^(E(?!RR_)[A-Z0-9_]+|UND_ERR_(SOCKET|CLOSED|DESTROYED|CONNECT_TIMEOUT|HEADERS_TIMEOUT|BODY_TIMEOUT))$/;

/**
 * The messages that platforms' fetch rejections carry for a network failure when they name no
 * code: Node and undici, Chromium, Firefox, Safari, workerd, Deno.
 */
const networkMessages = [
  "fetch failed",
  "terminated",
  "failed to fetch",
  "networkerror when attempting to fetch resource.",
  "load failed",
  "network connection lost.",
  "error sending request",
  "client error (connect)",
];

/** The first string `code` along the error's cause chain (an AggregateError's first error included). */
function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, errors, cause } = current as {
      code?: unknown;
      errors?: unknown;
      cause?: unknown;
    };
    if (typeof code === "string" && code !== "") return code;
    current = Array.isArray(errors) && errors.length > 0 ? errors[0] : cause;
  }
  return undefined;
}

/**
 * Tells a network failure from any other rejection of a fetch. A failure is network-made when a
 * system, undici or TLS code rides on it or its causes, or when it is a `TypeError` carrying one of
 * the platforms' own network messages (`fetch failed`, `Failed to fetch`, `Load failed`, …).
 * Anything else (a `ReferenceError`, a `TypeError` from a wrapper's own code) is undefined: a
 * programming error, which the client rethrows as it is and never retries.
 */
export function networkFailureOf(error: unknown): NetworkFailure | undefined {
  const code = codeOf(error);
  if (code !== undefined && tlsCode.test(code)) return { description: "TLS failed", code };
  const known = code === undefined ? undefined : descriptions[code];
  if (known !== undefined) return { description: known, code };
  if (code !== undefined && systemCode.test(code)) return { description: "network error", code };
  if (!(error instanceof TypeError)) return undefined;
  const message = error.message.toLowerCase();
  if (!networkMessages.some((known) => message.startsWith(known))) return undefined;
  const cause = (error as { cause?: { message?: unknown } }).cause?.message;
  const why =
    typeof cause === "string" && cause !== "" ? `${error.message}: ${cause}` : error.message;
  return { description: why, code: undefined };
}
