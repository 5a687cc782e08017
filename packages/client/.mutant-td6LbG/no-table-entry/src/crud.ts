import type { OperationId, paths } from "@pgbeam/policies-types";
import type { Client } from "openapi-fetch";
import { type ApiPromise, apiCall } from "./api-promise.js";
import {
  type ConditionalReadOptions,
  checkEntityTag,
  type ModifyOptions,
  type NotModified,
  type Tagged,
  taggedResult,
  type UpdateRequestOptions,
} from "./conditional.js";
import { PgBeamArgumentError } from "./errors.js";
import { newIdempotencyKey } from "./idempotency-key.js";
import { modifyWithRetries } from "./modify.js";
import { callOperation } from "./operation-call.js";
import { unsendableCharAt } from "./options.js";
import { type Page, paginate } from "./pagination.js";
import type { CreateRequestOptions, RequestOptions } from "./request-options.js";
import { requireId } from "./send.js";
import type { Transport } from "./transport.js";

/** The five operations of a project-scoped collection, by role. */
export interface CrudOperations {
  create: OperationId;
  list: OperationId;
  get: OperationId;
  update: OperationId;
  delete: OperationId;
}

/** How a collection names things: its id parameter and argument, its list key, its noun. */
export interface CrudNames<P> {
  /** The path parameter of one item (`policy_id`). */
  idParameter: string;
  /** The method argument that carries it, as errors name it (`policyId`). */
  idArgument: string;
  /** The key of a list page that holds the items. */
  items: keyof P & string;
  /** The item as a sentence starts with it (`Profile`, `Approval rule`). */
  noun: string;
  /** The update method's public name, for the message when modify cannot work. */
  updateMethod: string;
}

/** The list query every collection takes. */
export interface ListQuery {
  page_size?: number | undefined;
  page_token?: string | undefined;
}

/** The generic implementation of one collection's methods (create, list, get, update, delete, modify). */
export interface Crud<Item, Input, P extends Page> {
  create(projectId: string, input: Input, options?: CreateRequestOptions): ApiPromise<Item>;
  list(
    projectId: string,
    query?: ListQuery,
    options?: ConditionalReadOptions,
  ): ApiPromise<P | Tagged<P> | NotModified>;
  listAll(
    projectId: string,
    options?: Omit<ListQuery, "page_token"> & RequestOptions,
  ): AsyncGenerator<Item, void, undefined>;
  get(
    projectId: string,
    id: string,
    options?: ConditionalReadOptions,
  ): ApiPromise<Item | Tagged<Item> | NotModified>;
  update(
    projectId: string,
    id: string,
    input: Input,
    options?: UpdateRequestOptions,
  ): ApiPromise<Item>;
  delete(projectId: string, id: string, options?: RequestOptions): ApiPromise<void>;
  modify(
    projectId: string,
    id: string,
    next: (current: Item) => Input | undefined | Promise<Input | undefined>,
    options?: ModifyOptions,
  ): ApiPromise<Item>;
}

/** The `Idempotency-Key` to send: the caller's, a fresh one, or none (`false`). */
function idempotencyKeyOf(option: string | false | undefined): string | false {
  const key = option ?? newIdempotencyKey();
  if (key !== false && (typeof key !== "string" || key === "" || unsendableCharAt(key) >= 0)) {
    throw new PgBeamArgumentError(
      "idempotencyKey",
      "idempotencyKey must be a non-empty string of visible ASCII characters, or false to send none.",
    );
  }
  return key;
}

/** Builds one collection's methods on the raw client and the transport. */
export function createCrud<Item, Input, P extends Page>(
  raw: Client<paths>,
  transport: Transport,
  ops: CrudOperations,
  names: CrudNames<P>,
): Crud<Item, Input, P> {
  const itemPath = (projectId: string, id: string) => {
    requireId("projectId", projectId);
    requireId(names.idArgument, id);
    return { project_id: projectId, [names.idParameter]: id };
  };
  const projectPath = (projectId: string) => {
    requireId("projectId", projectId);
    return { project_id: projectId };
  };
  /** A read that may be conditional: with `ifNoneMatch`, the result is Tagged or NotModified. */
  const read = <D>(
    operation: OperationId,
    path: () => Record<string, string>,
    query: object | undefined,
    options: ConditionalReadOptions = {},
  ) =>
    apiCall<D | Tagged<D> | NotModified>(() => {
      const params = { path: path(), ...(query === undefined ? {} : { query }) };
      const { ifNoneMatch } = options;
      // The plain read passes the options on as they are (ifNoneMatch is undefined in them).
      if (ifNoneMatch === undefined)
        return callOperation<D>(raw, transport, operation, { params }, options);
      checkEntityTag("ifNoneMatch", ifNoneMatch);
      const { ifNoneMatch: _, ...rest } = options;
      return callOperation<D | undefined>(
        raw,
        transport,
        operation,
        { params: { ...params, header: { "If-None-Match": ifNoneMatch } } },
        rest,
        { notModifiedIsResult: true },
      ).then((sent) => ({
        data: taggedResult(sent.data, sent.response),
        response: sent.response,
      }));
    });

  const crud: Crud<Item, Input, P> = {
    create: (projectId, input, options = {}) =>
      apiCall(() => {
        const path = projectPath(projectId);
        const key = idempotencyKeyOf(options.idempotencyKey);
        const header = key === false ? undefined : { "Idempotency-Key": key };
        return callOperation<Item>(
          raw,
          transport,
          ops.create,
          { params: { path, ...(header ? { header } : {}) }, body: input },
          options,
        );
      }),
    list: (projectId, query, options) =>
      read<P>(ops.list, () => projectPath(projectId), query, options),
    async *listAll(projectId, options = {}) {
      requireId("projectId", projectId);
      const { page_size, ...requestOptions } = options;
      yield* paginate<Item, P>(
        (pageToken) =>
          crud.list(
            projectId,
            {
              ...(page_size === undefined ? {} : { page_size }),
              ...(pageToken === undefined ? {} : { page_token: pageToken }),
            },
            requestOptions,
          ) as Promise<P>,
        names.items,
      );
    },
    get: (projectId, id, options) =>
      read<Item>(ops.get, () => itemPath(projectId, id), undefined, options),
    update: (projectId, id, input, options = {}) =>
      apiCall(() => {
        const path = itemPath(projectId, id);
        const { ifMatch, ...rest } = options;
        checkEntityTag("ifMatch", ifMatch);
        const header = ifMatch === undefined ? undefined : { "If-Match": ifMatch };
        return callOperation<Item>(
          raw,
          transport,
          ops.update,
          { params: { path, ...(header ? { header } : {}) }, body: input },
          rest,
        );
      }),
    delete: (projectId, id, options) =>
      apiCall(async () => {
        const params = { path: itemPath(projectId, id) };
        const sent = await callOperation<unknown>(raw, transport, ops.delete, { params }, options);
        return { data: undefined, response: sent.response };
      }),
    modify: (projectId, id, next, options = {}) =>
      apiCall(() => {
        itemPath(projectId, id);
        const { maxAttempts, ...rest } = options;
        return modifyWithRetries<Item, Input>({
          what: `${names.noun} ${id}`,
          fallback: names.updateMethod,
          next,
          maxAttempts,
          read: () => (crud.get(projectId, id, rest) as ApiPromise<Item>).withResponse(),
          write: (input, etag) =>
            crud.update(projectId, id, input, { ...rest, ifMatch: etag }).withResponse(),
        });
      }),
  };
  return crud;
}
