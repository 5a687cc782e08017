import type {
  DryEvalInput,
  DryEvalResult,
  ListPolicyProfilesResponse,
  operations,
  PolicyProfile,
  PolicyProfileInput,
  PolicyReplayInput,
  PolicyReplayResult,
  paths,
} from "@pgbeam/policies-types";
import type { Client } from "openapi-fetch";
import {
  type ConditionalReadOptions,
  checkEntityTag,
  type ModifyPolicyProfileOptions,
  type NotModified,
  type Tagged,
  taggedResult,
  type UpdateRequestOptions,
} from "./conditional.js";
import { PgBeamArgumentError } from "./errors.js";
import { modifyWithRetries } from "./modify.js";
import { unsendableCharAt } from "./options.js";
import { paginate } from "./pagination.js";
import type { CreateRequestOptions, RequestOptions } from "./request-options.js";
import { type CallInit, requireId, type SendSpec, send, sendForResponse } from "./send.js";
import type { Transport } from "./transport.js";

/** Query parameters of `listPolicyProfiles`. */
export type ListPolicyProfilesQuery = NonNullable<
  operations["listPolicyProfiles"]["parameters"]["query"]
>;

/** Options of `listAllPolicyProfiles`: the page size, plus the per-call options used for every page. */
export type ListAllPolicyProfilesOptions = Omit<ListPolicyProfilesQuery, "page_token"> &
  RequestOptions;

/** The Policies API: one method per operation, named by its operationId. */
export interface PoliciesResource {
  /** Creates a policy profile; retried safely under an `Idempotency-Key`. */
  createPolicyProfile(
    projectId: string,
    input: PolicyProfileInput,
    options?: CreateRequestOptions,
  ): Promise<PolicyProfile>;
  /** Lists one page of the project's profiles. */
  listPolicyProfiles(
    projectId: string,
    query?: ListPolicyProfilesQuery,
    options?: RequestOptions,
  ): Promise<ListPolicyProfilesResponse>;
  /** Iterates over every profile of the project, fetching pages as iteration reaches them. */
  listAllPolicyProfiles(
    projectId: string,
    options?: ListAllPolicyProfilesOptions,
  ): AsyncGenerator<PolicyProfile, void, undefined>;
  /**
   * Lists one page with its ETag; with `ifNoneMatch`, a page that has not changed resolves to
   * `{ notModified: true }` instead of being sent again.
   */
  listPolicyProfilesWithETag(
    projectId: string,
    query: ListPolicyProfilesQuery | undefined,
    options: ConditionalReadOptions & { ifNoneMatch: string },
  ): Promise<Tagged<ListPolicyProfilesResponse> | NotModified>;
  listPolicyProfilesWithETag(
    projectId: string,
    query?: ListPolicyProfilesQuery,
    options?: RequestOptions & { ifNoneMatch?: undefined },
  ): Promise<Tagged<ListPolicyProfilesResponse>>;
  listPolicyProfilesWithETag(
    projectId: string,
    query?: ListPolicyProfilesQuery,
    options?: ConditionalReadOptions,
  ): Promise<Tagged<ListPolicyProfilesResponse> | NotModified>;
  /** Gets one profile. */
  getPolicyProfile(
    projectId: string,
    policyId: string,
    options?: RequestOptions,
  ): Promise<PolicyProfile>;
  /**
   * Gets one profile with its ETag (for `ifMatch` on update); with `ifNoneMatch`, a profile that
   * has not changed resolves to `{ notModified: true }` instead of being sent again.
   */
  getPolicyProfileWithETag(
    projectId: string,
    policyId: string,
    options: ConditionalReadOptions & { ifNoneMatch: string },
  ): Promise<Tagged<PolicyProfile> | NotModified>;
  getPolicyProfileWithETag(
    projectId: string,
    policyId: string,
    options?: RequestOptions & { ifNoneMatch?: undefined },
  ): Promise<Tagged<PolicyProfile>>;
  getPolicyProfileWithETag(
    projectId: string,
    policyId: string,
    options?: ConditionalReadOptions,
  ): Promise<Tagged<PolicyProfile> | NotModified>;
  /**
   * Replaces every setting of a profile (absent fields fall back to their defaults). With
   * `ifMatch`, only if the profile still has that ETag (else a `PreconditionFailedError`).
   */
  updatePolicyProfile(
    projectId: string,
    policyId: string,
    input: PolicyProfileInput,
    options?: UpdateRequestOptions,
  ): Promise<PolicyProfile>;
  /**
   * Changes a profile without losing anyone else's change: reads it with its ETag, calls `change`
   * with it, writes the result under `If-Match`, and on a 412 reads and applies again, up to
   * `maxAttempts` times. `change` may run more than once, so it should only compute; returning
   * `undefined` writes nothing and resolves to the profile as read.
   */
  modifyPolicyProfile(
    projectId: string,
    policyId: string,
    change: (
      current: PolicyProfile,
    ) => PolicyProfileInput | undefined | Promise<PolicyProfileInput | undefined>,
    options?: ModifyPolicyProfileOptions,
  ): Promise<PolicyProfile>;
  /** Deletes a profile; a `ConflictError` means agent credentials still use it. */
  deletePolicyProfile(projectId: string, policyId: string, options?: RequestOptions): Promise<void>;
  /** Tells what a saved or draft policy would do with one SQL statement. */
  dryEvalPolicy(
    projectId: string,
    input: DryEvalInput,
    options?: RequestOptions,
  ): Promise<DryEvalResult>;
  /** Replays recorded traffic against a saved or draft policy. */
  replayPolicy(
    projectId: string,
    input: PolicyReplayInput,
    options?: RequestOptions,
  ): Promise<PolicyReplayResult>;
}

/**
 * A random UUID v4 for `Idempotency-Key`. `crypto.randomUUID` exists only in secure contexts (it
 * is missing on a plain-http page that is not localhost), so fall back to `getRandomValues`.
 */
function newIdempotencyKey(): string {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** How a read is sent: with `If-None-Match` when conditional, and then a 304 is a result. */
function conditionalRead(ifNoneMatch: string | undefined): SendSpec {
  checkEntityTag("ifNoneMatch", ifNoneMatch);
  return ifNoneMatch === undefined
    ? {}
    : { headers: { "If-None-Match": ifNoneMatch }, notModifiedIsResult: true };
}

/** Builds the Policies methods on top of the raw openapi-fetch client and the transport. */
export function createPoliciesResource(raw: Client<paths>, transport: Transport): PoliciesResource {
  const collection = "/v1/projects/{project_id}/policies";
  const item = "/v1/projects/{project_id}/policies/{policy_id}";

  /** One page of the list, through openapi-fetch. */
  const listPage = (
    projectId: string,
    query: ListPolicyProfilesQuery | undefined,
    init: CallInit,
  ) =>
    raw.GET(collection, {
      params: { path: { project_id: projectId }, ...(query ? { query } : {}) },
      ...init,
    });
  /** One profile, through openapi-fetch. */
  const getOne = (projectId: string, policyId: string, init: CallInit) =>
    raw.GET(item, { params: { path: { project_id: projectId, policy_id: policyId } }, ...init });

  const resource: PoliciesResource = {
    async createPolicyProfile(projectId, input, options) {
      requireId("projectId", projectId);
      const key = options?.idempotencyKey ?? newIdempotencyKey();
      if (key !== false && (typeof key !== "string" || key === "" || unsendableCharAt(key) >= 0)) {
        throw new PgBeamArgumentError(
          "idempotencyKey",
          "idempotencyKey must be a non-empty string of visible ASCII characters, or false to send none.",
        );
      }
      const headers: Record<string, string> = key === false ? {} : { "Idempotency-Key": key };
      return send(transport, options, { headers }, (init) =>
        raw.POST(collection, { params: { path: { project_id: projectId } }, body: input, ...init }),
      );
    },

    async listPolicyProfiles(projectId, query, options) {
      requireId("projectId", projectId);
      return send(transport, options, {}, (init) => listPage(projectId, query, init));
    },

    async listPolicyProfilesWithETag(
      projectId: string,
      query?: ListPolicyProfilesQuery,
      options: ConditionalReadOptions = {},
    ) {
      requireId("projectId", projectId);
      const { ifNoneMatch, ...rest } = options;
      const { data, response } = await sendForResponse(
        transport,
        rest,
        conditionalRead(ifNoneMatch),
        (init) => listPage(projectId, query, init),
      );
      return taggedResult(data, response) as Tagged<ListPolicyProfilesResponse>;
    },

    async *listAllPolicyProfiles(projectId, options = {}) {
      requireId("projectId", projectId);
      const { page_size, ...requestOptions } = options;
      yield* paginate((pageToken) =>
        resource.listPolicyProfiles(
          projectId,
          {
            ...(page_size === undefined ? {} : { page_size }),
            ...(pageToken === undefined ? {} : { page_token: pageToken }),
          },
          requestOptions,
        ),
      );
    },

    async getPolicyProfile(projectId, policyId, options) {
      requireId("projectId", projectId);
      requireId("policyId", policyId);
      return send(transport, options, {}, (init) => getOne(projectId, policyId, init));
    },

    async getPolicyProfileWithETag(
      projectId: string,
      policyId: string,
      options: ConditionalReadOptions = {},
    ) {
      requireId("projectId", projectId);
      requireId("policyId", policyId);
      const { ifNoneMatch, ...rest } = options;
      const { data, response } = await sendForResponse(
        transport,
        rest,
        conditionalRead(ifNoneMatch),
        (init) => getOne(projectId, policyId, init),
      );
      return taggedResult(data, response) as Tagged<PolicyProfile>;
    },

    async updatePolicyProfile(projectId, policyId, input, options = {}) {
      requireId("projectId", projectId);
      requireId("policyId", policyId);
      const { ifMatch, ...rest } = options;
      checkEntityTag("ifMatch", ifMatch);
      const headers: Record<string, string> = ifMatch === undefined ? {} : { "If-Match": ifMatch };
      return send(transport, rest, { headers }, (init) =>
        raw.PUT(item, {
          params: { path: { project_id: projectId, policy_id: policyId } },
          body: input,
          ...init,
        }),
      );
    },

    async modifyPolicyProfile(projectId, policyId, change, options = {}) {
      requireId("projectId", projectId);
      requireId("policyId", policyId);
      const { maxAttempts, ...rest } = options;
      return modifyWithRetries({
        policyId,
        change,
        maxAttempts,
        read: () => resource.getPolicyProfileWithETag(projectId, policyId, rest),
        write: (input, etag) =>
          resource.updatePolicyProfile(projectId, policyId, input, { ...rest, ifMatch: etag }),
      });
    },

    async deletePolicyProfile(projectId, policyId, options) {
      requireId("projectId", projectId);
      requireId("policyId", policyId);
      await send(transport, options, { expectBody: false }, (init) =>
        raw.DELETE(item, {
          params: { path: { project_id: projectId, policy_id: policyId } },
          ...init,
        }),
      );
    },

    async dryEvalPolicy(projectId, input, options) {
      requireId("projectId", projectId);
      return send(transport, options, { retryPost: true }, (init) =>
        raw.POST("/v1/projects/{project_id}/policy-evaluations", {
          params: { path: { project_id: projectId } },
          body: input,
          ...init,
        }),
      );
    },

    async replayPolicy(projectId, input, options) {
      requireId("projectId", projectId);
      return send(transport, options, { retryPost: true }, (init) =>
        raw.POST("/v1/projects/{project_id}/policy-replays", {
          params: { path: { project_id: projectId } },
          body: input,
          ...init,
        }),
      );
    },
  };
  return resource;
}
