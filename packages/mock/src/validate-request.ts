import {
  type OperationSchemas,
  type ValidationIssue,
  validators,
} from "@pgbeam/policies-validators";
import { fail } from "./api-error.js";
import type { MockRequest } from "./exchange.js";

/** Answers 400 with the validators' messages, when there are issues. */
export function refuseIssues(what: string, issues: readonly ValidationIssue[]): void {
  if (issues.length === 0) return;
  fail(
    400,
    "invalid_request",
    `Invalid ${what}: ${issues.map((issue) => issue.message).join("; ")}.`,
  );
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

/** Reads and checks a JSON request body against the operation's schema. */
export async function checkBody(
  operation: OperationSchemas,
  request: MockRequest,
): Promise<unknown> {
  if (operation.requestBody === undefined) return undefined;
  const text = await request.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    fail(400, "invalid_request", "The request body is not valid JSON.");
  }
  const result = validators[operation.requestBody].validate(body);
  if (!result.ok) refuseIssues("request body", result.issues);
  return body;
}
