import type { paths } from "@pgbeam/policies-types";
import { operationSchemas } from "@pgbeam/policies-validators";
import { type HttpHandler, HttpResponse } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { fromWebRequest, toWebResponse } from "./exchange.js";
import { ConnectionResetSignal, type PolicyService } from "./service.js";

type Method = "get" | "post" | "put" | "delete";

/** MSW request handlers (typed from the spec's `paths` by openapi-msw) that answer from the emulator. */
export function mswHandlers(service: PolicyService, baseUrl: string): HttpHandler[] {
  const http = createOpenApiHttp<paths>({ baseUrl });
  return operationSchemas.map((operation) => {
    const method = operation.method.toLowerCase() as Method;
    const route = http[method] as unknown as (
      path: string,
      resolver: (info: { request: Request }) => Promise<Response>,
    ) => HttpHandler;
    return route(operation.path, async ({ request }) => {
      try {
        return toWebResponse(await service.handle(fromWebRequest(request)));
      } catch (error) {
        if (error instanceof ConnectionResetSignal) return HttpResponse.error();
        throw error;
      }
    });
  });
}
