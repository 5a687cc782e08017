import { excerpt } from "./body-excerpt.js";
import {
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  PgBeamApiError,
  PreconditionFailedError,
  RateLimitError,
  UnrecognizedResponseError,
  UnsupportedMediaTypeError,
} from "./errors.js";
import { readProblem } from "./problem-document.js";
import { requestIdOf } from "./request-id.js";

/** The error class of each status; any other 5xx is an InternalServerError. */
const classByStatus: Record<number, new (init: ApiErrorInit) => PgBeamApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionFailedError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  429: RateLimitError,
};

/**
 * The class for a status. An answer that is not a PgBeam problem document keeps its status class
 * for 429 and 5xx (a gateway's 502 or 429 means what it says, whoever sends it); any other status
 * becomes an UnrecognizedResponseError, since a 404 page from elsewhere says nothing about a profile.
 */
function classFor(status: number, recognized: boolean): new (init: ApiErrorInit) => PgBeamApiError {
  if (status >= 500) return InternalServerError;
  if (!recognized && status !== 429) return UnrecognizedResponseError;
  return classByStatus[status] ?? PgBeamApiError;
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

/** The suggestion an answer that is not a problem document carries (its `hint`, also in its message). */
const unrecognizedHint = "; is baseUrl the Policies API?";

/** What to say about a body that is not a problem document: its excerpt, else the status text. */
function unrecognizedMessage(response: Response, body: unknown, target: string): string {
  const raw = typeof body === "string" && body.trim() !== "" ? excerpt(body) : undefined;
  const type = response.headers.get("content-type")?.split(";")[0]?.trim() || "no content type";
  const summary = raw ?? (response.statusText || (body === undefined ? "empty body" : "JSON"));
  // A page titled "404 Not Found" already starts with the status: it is not said twice.
  const status = String(response.status);
  const lead =
    summary === status || summary.startsWith(`${status} `) ? summary : `${status} ${summary}`;
  return `${lead} (${type}, not a PgBeam problem document, from ${target}${unrecognizedHint})`;
}

/**
 * Builds the error class that matches the response's status from its headers and parsed body.
 * `target` names the call (`GET https://…/v1/…`) for answers that are not problem documents.
 * `redact` removes the caller's credentials from every text the error carries (the URL included),
 * should the server echo them. `retryOutcome` is how the transport's retries ended, if they did.
 */
export function apiErrorFromResponse(
  response: Response,
  rawBody: unknown,
  redact: (text: string) => string = (text) => text,
  target?: { method: string; url: string },
  retryOutcome?: string,
): PgBeamApiError {
  const { status, headers } = response;
  const body = redactDeep(rawBody, redact);
  const problem = readProblem(body);
  const url = target === undefined ? undefined : redact(target.url);
  const message = redact(
    problem === undefined
      ? unrecognizedMessage(response, body, target ? `${target.method} ${url}` : "the server")
      : `${status} ${problem.detail ?? problem.title ?? problem.code ?? response.statusText}`,
  );
  const outcome = retryOutcome;
  const headerRequestId = requestIdOf(headers);
  const ErrorClass = classFor(status, problem !== undefined);
  return new ErrorClass({
    status,
    code: problem?.code,
    type: problem?.type,
    title: problem?.title,
    detail: problem?.detail,
    instance: problem?.instance,
    requestId:
      problem?.requestId ?? (headerRequestId === undefined ? undefined : redact(headerRequestId)),
    fieldErrors: problem?.fieldErrors ?? [],
    ...(problem === undefined ? { hint: unrecognizedHint } : {}),
    message: outcome === undefined ? message : `${message}; ${outcome}`,
    url,
    headers,
    body,
  });
}
