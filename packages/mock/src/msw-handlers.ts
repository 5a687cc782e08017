import { operationSchemas } from "@pgbeam/policies-validators";
import { type HttpHandler, HttpResponse, http } from "msw";
import type { PolicyMock } from "./mock-core.js";
import { isConnectionReset } from "./service.js";

type Method = "get" | "post" | "put" | "delete";

/** Options of `mswHandlers`. */
export interface MswHandlerOptions {
  /** The base URL to intercept (default: the mock's `baseUrl`, `https://api.pgbeam.com`). */
  baseUrl?: string | undefined;
}

/** An OpenAPI path (`/v1/projects/{project_id}`) as an MSW route (`/v1/projects/:project_id`). */
const mswRoute = (path: string): string => path.replace(/\{([^}]+)\}/g, ":$1");

/**
 * MSW request handlers, one per operation of the spec, that answer from the emulator, for
 * `setupServer(...mswHandlers(mock))` or `setupWorker(...mswHandlers(mock))`.
 */
export function mswHandlers(mock: PolicyMock, options: MswHandlerOptions = {}): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? mock.baseUrl).replace(/\/+$/, "");
  return operationSchemas.map((operation) => {
    const method = operation.method.toLowerCase() as Method;
    return http[method](`${baseUrl}${mswRoute(operation.path)}`, async ({ request }) => {
      try {
        return await mock.fetch(request);
      } catch (error) {
        if (isConnectionReset(error)) return HttpResponse.error();
        throw error;
      }
    });
  });
}
