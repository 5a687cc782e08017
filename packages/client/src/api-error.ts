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

/** A short, single-line excerpt of a non-JSON body; for an HTML page, its title or its text. */
function excerpt(body: string): string {
  const title = /<title[^>]*>([^<]*)</i.exec(body)?.[1];
  const plain = (title ?? body.replace(/<[^>]*>/g, " ")).replace(/[\p{Cc}\s]+/gu, " ").trim();
  return plain.length > excerptLength ? `${plain.slice(0, excerptLength)}…` : plain;
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

/** Builds the error class that matches the response's status from its headers and parsed body. */
export function apiErrorFromResponse(response: Response, body: unknown): PgBeamApiError {
  const { status, headers } = response;
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
