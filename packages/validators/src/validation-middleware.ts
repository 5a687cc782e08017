import { ContractViolationError } from "./contract-violation-error.js";
import { type OperationSchemas, operationSchemas } from "./generated/operations.gen.js";
import { validators } from "./generated/validators.gen.js";
import type { ValidationIssue } from "./issue.js";
import { ValidationError } from "./validation-error.js";

/** Which directions the middleware checks. */
export interface ValidationMiddlewareOptions {
  /** Refuse requests whose body or parameters break the spec, before they are sent (default true). */
  requests?: boolean;
  /** Raise a ContractViolationError for responses that break the spec (default true). */
  responses?: boolean;
  /**
   * Called for an error response (4xx/5xx) that breaks the spec: an undocumented status, or a
   * body that is not the error envelope. Such a response still reaches the client, which throws
   * its typed error (`RateLimitError`, `InternalServerError`…); the violation is reported here
   * instead. Default: `console.warn` of the violation's message.
   */
  onErrorResponseViolation?: (violation: ContractViolationError) => void;
}

/** What openapi-fetch hands a middleware about the request. */
interface RequestContext {
  request: Request;
  schemaPath: string;
  params?: { path?: unknown; query?: unknown };
}

/** An openapi-fetch middleware: add it with `pgbeam.raw.use(validationMiddleware())`. */
export interface ValidationMiddleware {
  /** Checks the request's parameters and body. */
  onRequest(context: RequestContext): Promise<undefined>;
  /** Checks the response's status and body. */
  onResponse(context: RequestContext & { response: Response }): Promise<undefined>;
}

const issue = (message: string, keyword: string): ValidationIssue => ({
  path: "",
  keys: [],
  keyword,
  message,
});

function operationFor({ request, schemaPath }: RequestContext): OperationSchemas | undefined {
  return operationSchemas.find((op) => op.path === schemaPath && op.method === request.method);
}

async function readJson(
  message: Request | Response,
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await message.clone().text();
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** An RFC 9457 problem document, which the client reads like the error envelope. */
function isProblemDocument(response: Response, body: unknown): boolean {
  const type = response.headers.get("content-type") ?? "";
  if (type.toLowerCase().startsWith("application/problem+json")) return true;
  return (
    typeof body === "object" &&
    body !== null &&
    ("title" in body || "detail" in body) &&
    ("type" in body || "status" in body)
  );
}

/** Validates requests before they leave and responses as they arrive, against the spec. */
export function validationMiddleware(
  options: ValidationMiddlewareOptions = {},
): ValidationMiddleware {
  const { requests = true, responses = true } = options;
  const reportErrorViolation =
    options.onErrorResponseViolation ??
    ((violation: ContractViolationError) => console.warn(violation.message));
  return {
    async onRequest(context) {
      const op = operationFor(context);
      if (!requests || !op) return undefined;
      const issues: ValidationIssue[] = [];
      const checks = [
        [op.pathParams, context.params?.path ?? {}],
        [op.queryParams, context.params?.query ?? {}],
      ] as const;
      for (const [name, value] of checks) {
        if (!name) continue;
        const result = validators[name].validate(value);
        if (!result.ok) issues.push(...result.issues);
      }
      if (op.requestBody) {
        const body = await readJson(context.request);
        if (!body.ok) issues.push(issue("the request body is not JSON", "type"));
        else {
          const result = validators[op.requestBody].validate(body.value);
          if (!result.ok) issues.push(...result.issues);
        }
      }
      if (issues.length > 0) throw new ValidationError(`The ${op.operationId} request`, issues);
      return undefined;
    },

    async onResponse(context) {
      const op = operationFor(context);
      if (!responses || !op) return undefined;
      const { status } = context.response;
      // An error answer keeps the client's typed error; its violation is reported, not thrown.
      const violated = (found: ContractViolationError) => {
        if (status < 400) throw found;
        reportErrorViolation(found);
      };
      const schema = op.responses[String(status)];
      if (schema === undefined) {
        violated(
          new ContractViolationError(op.operationId, status, [
            issue(`status ${status} is not documented`, "status"),
          ]),
        );
        return undefined;
      }
      if (schema === null) return undefined;
      const body = await readJson(context.response);
      if (status >= 400 && body.ok && isProblemDocument(context.response, body.value))
        return undefined;
      const result = body.ok
        ? validators[schema].validate(body.value)
        : { ok: false as const, issues: [issue("the response body is not JSON", "type")] };
      if (!result.ok) violated(new ContractViolationError(op.operationId, status, result.issues));
      return undefined;
    },
  };
}
