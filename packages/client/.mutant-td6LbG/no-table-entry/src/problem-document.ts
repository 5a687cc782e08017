import type { FieldError } from "@pgbeam/policies-types";
import type { ApiErrorCode } from "./error-code.js";

/** What the client read from an error body: a problem document, or the 0.2.4 envelope. */
export interface ProblemFields {
  code: ApiErrorCode | undefined;
  type: string | undefined;
  title: string | undefined;
  detail: string | undefined;
  instance: string | undefined;
  requestId: string | undefined;
  fieldErrors: FieldError[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function fieldErrorsOf(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  const out: FieldError[] = [];
  for (const item of value) {
    if (isRecord(item) && typeof item.field === "string" && typeof item.detail === "string") {
      out.push({ field: item.field, detail: item.detail });
    }
  }
  return out;
}

/**
 * Reads an error body as PgBeam writes one: an RFC 9457 problem document (`code`, or `type` with
 * `title`), or the 0.2.4 envelope `{"error": {"code", "message"}}` that an old proxy or test double
 * may still send. Anything else (an HTML page, plain text, some other JSON) gives undefined.
 */
export function readProblem(body: unknown): ProblemFields | undefined {
  if (!isRecord(body)) return undefined;
  if (isRecord(body.error) && text(body.error.code) !== undefined) {
    return {
      code: text(body.error.code),
      type: undefined,
      title: undefined,
      detail: text(body.error.message),
      instance: undefined,
      requestId: text(body.error.request_id),
      fieldErrors: fieldErrorsOf(body.error.errors),
    };
  }
  const code = text(body.code);
  const type = text(body.type);
  const title = text(body.title);
  if (code === undefined && (type === undefined || title === undefined)) return undefined;
  return {
    code,
    type,
    title,
    detail: text(body.detail),
    instance: text(body.instance),
    requestId: text(body.request_id),
    fieldErrors: fieldErrorsOf(body.errors),
  };
}
