import type { OperationId, operations } from "@pgbeam/policies-types";
import type { MockRequest, MockResponse } from "./exchange.js";
import type { PolicyService } from "./service.js";
import type { ProjectData } from "./store.js";

/** A parameter group of the spec, or an empty object when the operation has none. */
type Present<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;

/** The path parameters of an operation, checked against the spec. */
export type PathParams<Op extends OperationId> = Present<operations[Op]["parameters"]["path"]>;

/** The query parameters of an operation, checked (numbers read as numbers); absent ones absent. */
export type QueryParams<Op extends OperationId> = Present<operations[Op]["parameters"]["query"]>;

/** The request headers an operation declares, named as the spec spells them; absent ones absent. */
export type HeaderParams<Op extends OperationId> = Present<operations[Op]["parameters"]["header"]>;

/** The JSON body schema's type of an operation, or never when it takes no body. */
type JsonBody<Op extends OperationId> = [NonNullable<operations[Op]["requestBody"]>] extends [never]
  ? never
  : NonNullable<operations[Op]["requestBody"]> extends {
        content: { "application/json": infer Body };
      }
    ? Body
    : never;

/** The checked JSON body of an operation: its schema's type, `undefined` when optional and not sent. */
export type RequestBody<Op extends OperationId> = [JsonBody<Op>] extends [never]
  ? undefined
  : undefined extends operations[Op]["requestBody"]
    ? JsonBody<Op> | undefined
    : JsonBody<Op>;

/** What one operation's handler gets: the service, the request, its project, its checked parts. */
export interface Call<Op extends OperationId> {
  service: PolicyService;
  request: MockRequest;
  project: ProjectData;
  path: PathParams<Op>;
  query: QueryParams<Op>;
  headers: HeaderParams<Op>;
  body: RequestBody<Op>;
}

/** Runs one operation; a refusal throws through `fail` and becomes a problem document. */
export type Handler<Op extends OperationId> = (
  call: Call<Op>,
) => MockResponse | Promise<MockResponse>;

/** One handler per operation of the spec: a table that leaves one out does not type-check. */
export type OperationHandlers = { readonly [Op in OperationId]: Handler<Op> };
