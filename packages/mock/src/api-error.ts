import { jsonResponse, type MockResponse } from "./exchange.js";

/** One error answer of the emulated API: status, the envelope's code and message, extra headers. */
export interface ApiErrorAnswer {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** Thrown by an operation to answer with the error envelope; caught by the request handler. */
export class ApiFailure {
  constructor(readonly answer: ApiErrorAnswer) {}
}

/** Stops the current operation with an error answer. */
export function fail(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): never {
  throw new ApiFailure(
    headers === undefined ? { status, code, message } : { status, code, message, headers },
  );
}

/** The JSON response of an error answer, in the API's envelope `{ error: { code, message } }`. */
export function errorResponse(answer: ApiErrorAnswer): MockResponse {
  return jsonResponse(
    answer.status,
    { error: { code: answer.code, message: answer.message } },
    answer.headers,
  );
}
