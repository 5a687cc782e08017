import { serviceFacts } from "@pgbeam/policies-types";
import {
  type OperationSchemas,
  type ValidationIssue,
  validators,
} from "@pgbeam/policies-validators";
import type { MockRequest } from "./exchange.js";
import { type FieldError, fail } from "./problem.js";
import { requestBodyFields } from "./spec-facts.gen.js";

const { requestBodyLimitBytes } = serviceFacts;

/**
 * The fields an issue is about, as dotted paths (`masking_rules.0.kind`). An issue about the
 * whole value (a rule between fields: "give at most one of credential_id and bound_policy_id")
 * names the top-level fields its message names, else `where`.
 */
function fieldsOf(issue: ValidationIssue, where: string, fields: readonly string[]): string[] {
  if (issue.keys.length > 0) return [issue.keys.join(".")];
  const named = fields.filter((field) =>
    new RegExp(`(^|[^a-z_])${field}([^a-z_]|$)`).test(issue.message),
  );
  return named.length > 0 ? named : [where];
}

/** Answers 400 naming each offending field, when there are issues. */
export function refuseIssues(
  what: string,
  issues: readonly ValidationIssue[],
  where = what,
  fields: readonly string[] = [],
): void {
  if (issues.length === 0) return;
  const errors: FieldError[] = issues.flatMap((issue) =>
    fieldsOf(issue, where, fields).map((field) => ({ field, detail: issue.message })),
  );
  fail(400, `Invalid ${what}: ${issues.map((issue) => issue.message).join("; ")}.`, { errors });
}

/** Checks path parameters against the operation's schema. */
export function checkPathParams(operation: OperationSchemas, params: Record<string, string>): void {
  if (operation.pathParams === undefined) return;
  const result = validators[operation.pathParams].validate(params);
  if (!result.ok) refuseIssues("path parameter", result.issues);
}

/**
 * Checks query parameters against the operation's schema and returns them typed. A query value
 * is text; where the schema wants a number and the text is one, the number is checked instead.
 */
export function checkQueryParams(
  operation: OperationSchemas,
  search: URLSearchParams,
): Record<string, unknown> {
  const query: Record<string, unknown> = Object.fromEntries(search);
  if (operation.queryParams === undefined) return query;
  const validator = validators[operation.queryParams];
  const first = validator.validate(query);
  if (first.ok) return query;
  for (const issue of first.issues) {
    const key = issue.keys[0];
    const text = typeof key === "string" ? query[key] : undefined;
    if (
      issue.keyword === "type" &&
      typeof text === "string" &&
      text.trim() !== "" &&
      Number.isFinite(Number(text))
    ) {
      query[key as string] = Number(text);
    }
  }
  const second = validator.validate(query);
  if (!second.ok) refuseIssues("query parameter", second.issues);
  return query;
}

/**
 * Checks the request headers the operation declares against its schema (their lengths) and
 * returns the ones sent, named as the spec spells them; an absent header is absent, not "".
 */
export function checkHeaderParams(
  operation: OperationSchemas,
  request: MockRequest,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (operation.headerParams === undefined || operation.requestHeaders === undefined)
    return headers;
  for (const name of operation.requestHeaders) {
    const value = request.header(name);
    if (value !== null) headers[name] = value;
  }
  if (Object.keys(headers).length === 0) return headers; // none sent: nothing to check
  const result = validators[operation.headerParams].validate(headers);
  if (!result.ok) refuseIssues("header", result.issues);
  return headers;
}

/** True for `application/json` and `…+json` media types, parameters aside. */
function isJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  const type = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * Reads the request body as the service does: 415 without a JSON content type, 413 past the
 * spec's limit (reading no further), 400 when it does not parse. Returns the parsed value (or
 * undefined for an optional body left out) and its text.
 */
export async function readBody(
  operation: OperationSchemas,
  request: MockRequest,
): Promise<{ value: unknown; text: string } | undefined> {
  if (operation.requestBody === undefined) return undefined;
  const required = operation.requestBodyRequired !== false;
  const contentType = request.header("content-type");
  if (!required && contentType === null) {
    // An optional body may be left out; one sent without a content type is still a 415.
    const sent = await request.body(requestBodyLimitBytes);
    if (sent.ok && sent.text === "") return undefined;
  }
  if (!isJson(contentType)) {
    fail(
      415,
      `The request body must be application/json (got ${contentType === null ? "no Content-Type" : `Content-Type ${contentType}`}).`,
    );
  }
  const body = await request.body(requestBodyLimitBytes);
  if (!body.ok) {
    fail(
      413,
      `The request body is larger than ${requestBodyLimitBytes} bytes, the most the API accepts.`,
      { headers: { connection: "close" } },
    );
  }
  if (!required && body.text === "") return undefined;
  try {
    return { value: JSON.parse(body.text), text: body.text };
  } catch {
    return fail(400, "The request body is not valid JSON.", {
      errors: [{ field: "body", detail: "the body is not valid JSON" }],
    });
  }
}

/** Checks a parsed body against the operation's schema. */
export function checkBody(operation: OperationSchemas, value: unknown): void {
  if (operation.requestBody === undefined) return;
  const result = validators[operation.requestBody].validate(value);
  if (!result.ok) {
    const fields = requestBodyFields[operation.operationId] ?? [];
    refuseIssues("request body", result.issues, "body", fields);
  }
}
