import type { paths } from "@pgbeam/policies-types";
import { operationSchemas } from "@pgbeam/policies-validators";
import { type HttpHandler, HttpResponse } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import type { PolicyMock } from "./mock-core.js";
import { isConnectionReset } from "./service.js";

type Method = "get" | "post" | "put" | "delete";

/** Options of `mswHandlers`. */
export interface MswHandlerOptions {
  /** The base URL to intercept (default: the mock's `baseUrl`, `https://api.pgbeam.com`). */
  baseUrl?: string;
}

/**
 * MSW request handlers (typed from the spec's `paths` by openapi-msw) that answer from the
 * emulator, for `setupServer(...mswHandlers(mock))` or `setupWorker(...mswHandlers(mock))`.
 */
export function mswHandlers(mock: PolicyMock, options: MswHandlerOptions = {}): HttpHandler[] {
  const http = createOpenApiHttp<paths>({ baseUrl: options.baseUrl ?? mock.baseUrl });
  return operationSchemas.map((operation) => {
    const method = operation.method.toLowerCase() as Method;
    const route = http[method] as unknown as (
      path: string,
      resolver: (info: { request: Request }) => Promise<Response>,
    ) => HttpHandler;
    return route(operation.path, async ({ request }) => {
      try {
        return await mock.fetch(request);
      } catch (error) {
        if (isConnectionReset(error)) return HttpResponse.error();
        throw error;
      }
    });
  });
}
