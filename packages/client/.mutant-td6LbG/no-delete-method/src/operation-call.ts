import { type OperationId, operationTable, type paths } from "@pgbeam/policies-types";
import type { Client } from "openapi-fetch";
import type { Sent } from "./api-promise.js";
import type { RequestOptions } from "./request-options.js";
import { type CallInit, type FetchResult, type SendSpec, send } from "./send.js";
import type { Transport } from "./transport.js";

/** The parameters and body of one call, in openapi-fetch's shape. */
export interface OperationRequest {
  params: {
    path: Record<string, string>;
    query?: object | undefined;
    header?: Record<string, string> | undefined;
  };
  body?: unknown;
}

type FetchMethod = (path: string, init: object) => Promise<FetchResult<unknown>>;

/**
 * Sends `operation` through openapi-fetch: its method and path come from the operation table, so
 * a resource method only says which operation it is and what to send.
 */
export function callOperation<D>(
  raw: Client<paths>,
  transport: Transport,
  operation: OperationId,
  request: OperationRequest,
  options: RequestOptions | undefined,
  spec: SendSpec = {},
): Promise<Sent<D>> {
  const { method, path } = operationTable[operation];
  const fetchOne = (raw as unknown as Record<string, FetchMethod>)[method] as FetchMethod;
  return send<D>(
    transport,
    operation,
    options,
    spec,
    (init: CallInit) =>
      fetchOne(path, {
        params: request.params,
        ...(request.body === undefined ? {} : { body: request.body }),
        ...init,
      }) as Promise<FetchResult<D>>,
  );
}
