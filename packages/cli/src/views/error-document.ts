import { PgBeamApiError, PgBeamClientError } from "@pgbeam/policies-client";
import { cliWording } from "../client-wording.js";
import type { Settings } from "../config.js";
import { InvalidFilesError, UsageError } from "../io.js";
import type { Located } from "../profiles/policy-files.js";

/** What `--json` prints for an error, so a pipeline can branch on it without reading the text. */
export interface ErrorDocument {
  error: {
    /** `usage` (the command's own use), `api` (the API answered), `client` (no usable answer) or `internal`. */
    kind: "usage" | "api" | "client" | "internal";
    /** The text the text output would print. */
    message: string;
    /** The API's HTTP status, when it answered. */
    status?: number;
    /** The API's error `code` (branch on this), when it sent one. */
    code?: string;
    /** The API's correlation id, when it sent one: quote it to support. */
    request_id?: string;
    /** The files' problems, when they are why the command stopped. */
    problems?: readonly Located[];
  };
}

/** The JSON document of an error, in the CLI's wording; never carries the API key. */
export function errorDocument(error: unknown, settings?: Settings): ErrorDocument {
  const message = cliWording(error, settings);
  if (error instanceof PgBeamApiError)
    return {
      error: {
        kind: "api",
        message,
        status: error.status,
        ...(error.code === undefined ? {} : { code: error.code }),
        ...(error.requestId === undefined ? {} : { request_id: error.requestId }),
      },
    };
  const kind =
    error instanceof UsageError
      ? "usage"
      : error instanceof PgBeamClientError
        ? "client"
        : "internal";
  const problems = error instanceof InvalidFilesError ? { problems: error.problems } : {};
  return { error: { kind, message, ...problems } };
}
