import type { ErrorCode } from "@pgbeam/policies-types";
import { type OperationId, operationTable } from "@pgbeam/policies-types";
import { errorCodeByStatus } from "@pgbeam/policies-validators";
import { jsonResponse, type MockResponse } from "./exchange.js";
import { problemTypes } from "./spec-facts.gen.js";

/** One offending field of a refused request: a dotted path and what was wrong with it. */
export interface FieldError {
  field: string;
  detail: string;
}

/** An error answer of the emulated API, before it is written as a problem document. */
export interface Problem {
  status: number;
  /** This occurrence, for a person. */
  detail: string;
  /** One of the codes the spec documents for the operation and status; default: its first. */
  code?: ErrorCode;
  /** On validation failures, each offending field. */
  errors?: readonly FieldError[];
  headers?: Record<string, string>;
}

/** Thrown by an operation to answer with a problem document; caught by the request handler. */
export class ApiFailure {
  constructor(readonly problem: Problem) {}
}

/** Stops the current operation with a problem document. */
export function fail(
  status: number,
  detail: string,
  extra: Omit<Problem, "status" | "detail"> = {},
): never {
  throw new ApiFailure({ status, detail, ...extra });
}

/**
 * The code of a problem: the one asked for, else the first the spec documents for this
 * operation and status (`x-error-codes`), else the first any operation documents for the status
 * (a path that is no operation), else that of 500 for a 5xx and of 400 for a 4xx (a fault with a
 * status the operation does not document).
 */
export function problemCode(operationId: OperationId | undefined, problem: Problem): string {
  if (problem.code !== undefined) return problem.code;
  const status = String(problem.status);
  const byStatus: Readonly<Record<number, readonly string[] | undefined>> | undefined =
    operationId === undefined ? undefined : operationTable[operationId].errorCodes;
  const documented = byStatus?.[problem.status]?.[0];
  return (
    documented ??
    errorCodeByStatus[status] ??
    (errorCodeByStatus[problem.status >= 500 ? "500" : "400"] as string)
  );
}

/** Where a problem happened: the operation, the request path and the request id. */
export interface ProblemContext {
  operationId: OperationId | undefined;
  instance: string;
  requestId: string;
}

/** The `application/problem+json` response of a problem (RFC 9457, as the spec describes it). */
export function problemResponse(problem: Problem, context: ProblemContext): MockResponse {
  const code = problemCode(context.operationId, problem);
  const known = problemTypes[code];
  const document = {
    type: known?.type ?? "about:blank",
    title: known?.title ?? code,
    status: problem.status,
    code,
    detail: problem.detail,
    instance: context.instance,
    request_id: context.requestId,
    ...(problem.errors === undefined || problem.errors.length === 0
      ? {}
      : { errors: problem.errors }),
  };
  const response = jsonResponse(problem.status, document, problem.headers);
  response.headers["content-type"] = "application/problem+json";
  return response;
}
