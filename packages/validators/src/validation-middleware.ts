import { ContractViolationError } from "./contract-violation-error.js";
import { type OperationSchemas, operationSchemas } from "./generated/operations.gen.js";
import { validators } from "./generated/validators.gen.js";
import type { ValidationIssue } from "./issue.js";
import { envelopeIssues, messageIssue as issue, mediaTypeOf } from "./response-checks.js";
import { ValidationError } from "./validation-error.js";

/** Which directions the middleware checks. */
export interface ValidationMiddlewareOptions {
  /** Refuse requests whose body or parameters break the spec, before they are sent (default true). */
  requests?: boolean;
  /** Raise a ContractViolationError for responses that break the spec (default true). */
  responses?: boolean;
  /**
   * Called for an error response (4xx/5xx) that breaks the spec: an undocumented status, a body
   * that is not a problem document, a media type other than `application/problem+json`, or a
   * missing required header (`Retry-After` on 429, `ETag` on 412). Such a response still reaches the client, which throws
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
  /** Checks the request's parameters, declared headers and body. */
  onRequest(context: RequestContext): Promise<undefined>;
  /** Checks the response's status, media type, required headers and body. */
  onResponse(context: RequestContext & { response: Response }): Promise<undefined>;
}

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

/** Issues of a request body: not JSON, not sent as JSON, or not valid against its schema. */
async function bodyIssues(op: OperationSchemas, request: Request): Promise<ValidationIssue[]> {
  const name = op.requestBody as keyof typeof validators;
  const text = await request.clone().text();
  if (text === "" && op.requestBodyRequired === false) return [];
  const type = mediaTypeOf(request.headers.get("content-type"));
  if (type !== "application/json" && !type?.endsWith("+json")) {
    return [
      issue(
        `the request body must be sent as application/json (got ${type ?? "no Content-Type"})`,
        "contentType",
      ),
    ];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [issue("the request body is not JSON", "type")];
  }
  const result = validators[name].validate(value);
  return result.ok ? [] : [...result.issues];
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
      if (op.headerParams && op.requestHeaders) {
        const sent: Record<string, string> = {};
        for (const name of op.requestHeaders) {
          const value = context.request.headers.get(name);
          if (value !== null) sent[name] = value;
        }
        const result = validators[op.headerParams].validate(sent);
        if (!result.ok) issues.push(...result.issues);
      }
      if (op.requestBody) issues.push(...(await bodyIssues(op, context.request)));
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
      const issues = envelopeIssues(op, context.response);
      if (schema !== null) {
        const body = await readJson(context.response);
        const result = body.ok
          ? validators[schema].validate(body.value)
          : { ok: false as const, issues: [issue("the response body is not JSON", "type")] };
        if (!result.ok) issues.push(...result.issues);
      }
      if (issues.length > 0) violated(new ContractViolationError(op.operationId, status, issues));
      return undefined;
    },
  };
}
