import type { OperationSchemas } from "./generated/operations.gen.js";
import type { ValidationIssue } from "./issue.js";

/** An issue about the message as a whole (its status, media type or headers), not a body field. */
export const messageIssue = (message: string, keyword: string): ValidationIssue => ({
  path: "",
  keys: [],
  keyword,
  message,
});

/** The media type of a Content-Type header, without its parameters, lower-cased. */
export function mediaTypeOf(contentType: string | null): string | undefined {
  if (contentType === null) return undefined;
  return (contentType.split(";")[0] as string).trim().toLowerCase();
}

/**
 * What the spec says of a response's envelope, beyond its body: the documented media type (an
 * error is `application/problem+json`, a success `application/json`) and every required header
 * (`ETag` on reads, 304 and 412; `Retry-After` on 429).
 */
export function envelopeIssues(op: OperationSchemas, response: Response): ValidationIssue[] {
  const status = String(response.status);
  const issues: ValidationIssue[] = [];
  const documented = op.responseMediaTypes[status];
  const sent = mediaTypeOf(response.headers.get("content-type"));
  if (documented && sent !== undefined && sent !== documented) {
    issues.push(
      messageIssue(
        `the body is sent as ${sent}, but the spec documents ${documented} for ${status}`,
        "contentType",
      ),
    );
  }
  for (const [name, required] of Object.entries(op.responseHeaders[status] ?? {})) {
    if (required && !response.headers.has(name)) {
      issues.push(messageIssue(`the ${name} header is required on ${status}`, "header"));
    }
  }
  return issues;
}
