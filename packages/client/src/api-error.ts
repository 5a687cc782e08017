import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  PgBeamApiError,
  RateLimitError,
} from "./errors.js";
import { requestIdOf } from "./request-id.js";
import { parseRetryAfterMs } from "./retry-after.js";

const classByStatus: Record<number, typeof PgBeamApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
};

const excerptLength = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

// Only the start of a non-JSON body is read for its excerpt, so hostile bodies cost bounded time.
const scannedLength = 8192;

/**
 * A short, single-line excerpt of a non-JSON body; for an HTML page, its title or its text.
 * One linear pass over a bounded prefix, no regular expression: any body costs O(8 KiB).
 */
function excerpt(body: string): string {
  const scanned = body.slice(0, scannedLength);
  const title = titleOf(scanned);
  const plain = collapse(title ?? withoutTags(scanned));
  return plain.length > excerptLength ? `${plain.slice(0, excerptLength)}…` : plain;
}

/** The text of the first `<title …>…<` element, if the prefix has one. */
function titleOf(html: string): string | undefined {
  const lower = html.toLowerCase();
  const open = lower.indexOf("<title");
  if (open < 0) return undefined;
  const start = lower.indexOf(">", open);
  if (start < 0) return undefined;
  const end = lower.indexOf("<", start + 1);
  return html.slice(start + 1, end < 0 ? html.length : end);
}

/** The text with every `<…>` tag replaced by a space (an unclosed tag runs to the end). */
function withoutTags(html: string): string {
  let out = "";
  let inTag = false;
  for (const char of html) {
    if (inTag) {
      if (char === ">") inTag = false;
    } else if (char === "<") {
      inTag = true;
      out += " ";
    } else out += char;
  }
  return out;
}

/** Control characters and runs of whitespace as single spaces, trimmed. */
function collapse(text: string): string {
  let out = "";
  let space = false;
  for (const char of text) {
    const code = char.charCodeAt(0);
    const blank = code <= 0x20 || (code >= 0x7f && code <= 0x9f) || char.trim() === "";
    if (blank) space = out !== "";
    else {
      if (space) out += " ";
      out += char;
      space = false;
    }
  }
  return out;
}

/** Pulls `code` and a message out of a PgBeam envelope, an RFC 9457 problem document, or plain text. */
function describe(body: unknown): { code: string | undefined; detail: string | undefined } {
  if (isRecord(body) && isRecord(body.error)) {
    return { code: text(body.error.code), detail: text(body.error.message) };
  }
  if (isRecord(body)) {
    const type = text(body.type);
    return {
      code: text(body.code) ?? (type === "about:blank" ? undefined : type),
      detail: text(body.detail) ?? text(body.title) ?? text(body.message),
    };
  }
  const raw = text(body);
  return { code: undefined, detail: raw === undefined ? undefined : excerpt(raw) };
}

/** A copy of a parsed body with `redact` applied to every string in it. */
function redactDeep(value: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (typeof value === "string") return redact(value);
  if (depth > 32 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact, depth + 1)]),
  );
}

/**
 * Builds the error class that matches the response's status from its headers and parsed body.
 * `redact` removes the caller's credentials from every text the error carries, should the
 * server echo them.
 */
export function apiErrorFromResponse(
  response: Response,
  rawBody: unknown,
  redact: (text: string) => string = (text) => text,
): PgBeamApiError {
  const { status, headers } = response;
  const body = redactDeep(rawBody, redact);
  const { code, detail } = describe(body);
  const reason = response.statusText || "error";
  const init = {
    status,
    code,
    message: `${status} ${detail ?? reason}`,
    requestId: requestIdOf(headers),
    headers,
    body,
  };
  if (status === 429) {
    return new RateLimitError({
      ...init,
      retryAfterMs: parseRetryAfterMs(headers.get("retry-after")),
    });
  }
  if (status >= 500) return new InternalServerError(init);
  const ErrorClass = classByStatus[status] ?? PgBeamApiError;
  return new ErrorClass(init);
}
