import type { ListPolicyProfilesResponse, PolicyProfile, paths } from "@pgbeam/policies-types";
import type { Client } from "openapi-fetch";
import {
  type ConditionalReadOptions,
  checkEntityTag,
  type NotModified,
  type Tagged,
  taggedResult,
} from "./conditional.js";
import { PgBeamArgumentError } from "./errors.js";
import { newIdempotencyKey } from "./idempotency-key.js";
import { modifyWithRetries } from "./modify.js";
import { unsendableCharAt } from "./options.js";
import { paginate } from "./pagination.js";
import type { ListPolicyProfilesQuery, PoliciesResource } from "./policies-resource.js";
import { refuseBothTrafficScopes } from "./replay-scope.js";
import { type CallInit, type FetchResult, requireId, send } from "./send.js";
import type { Transport } from "./transport.js";

/**
 * Sends a read that may be conditional and returns its data with the response's ETag; when
 * `ifNoneMatch` is given, a 304 is the NotModified result.
 */
async function conditionalRead<D>(
  transport: Transport,
  options: ConditionalReadOptions,
  run: (init: CallInit, ifNoneMatch: string | undefined) => Promise<FetchResult<D>>,
): Promise<Tagged<D> | NotModified> {
  const { ifNoneMatch, ...rest } = options;
  checkEntityTag("ifNoneMatch", ifNoneMatch);
  let response: Response | undefined;
  const data = await send(
    transport,
    rest,
    {
      notModifiedIsResult: ifNoneMatch !== undefined,
      onResponse: (final) => {
        response = final;
      },
    },
    (init) => run(init, ifNoneMatch),
  );
  return taggedResult(data, response as Response);
}

/** Builds the Policies methods on top of the raw openapi-fetch client and the transport. */
export function createPoliciesResource(raw: Client<paths>, transport: Transport): PoliciesResource {
  const collection = "/v1/projects/{project_id}/policies";
  const item = "/v1/projects/{project_id}/policies/{policy_id}";

  /** One page of the list, through openapi-fetch; `If-None-Match` when `ifNoneMatch` is given. */
  const listPage = (
    projectId: string,
    query: ListPolicyProfilesQuery | undefined,
    init: CallInit,
    ifNoneMatch?: string,
  ) =>
    raw.GET(collection, {
      params: {
        path: { project_id: projectId },
        ...(query ? { query } : {}),
        ...(ifNoneMatch === undefined ? {} : { header: { "If-None-Match": ifNoneMatch } }),
      },
      ...init,
    });
  /** One profile, through openapi-fetch; `If-None-Match` when `ifNoneMatch` is given. */
  const getOne = (projectId: string, policyId: string, init: CallInit, ifNoneMatch?: string) => {
    const path = { project_id: projectId, policy_id: policyId };
    const params =
      ifNoneMatch === undefined ? { path } : { path, header: { "If-None-Match": ifNoneMatch } };
    return raw.GET(item, { params, ...init });
  };

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
      return send(transport, options, {}, (init) =>
        raw.POST(collection, {
          params: {
            path: { project_id: projectId },
            ...(key === false ? {} : { header: { "Idempotency-Key": key } }),
          },
          body: input,
          ...init,
        }),
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
      return conditionalRead(transport, options, (init, ifNoneMatch) =>
        listPage(projectId, query, init, ifNoneMatch),
      ) as Promise<Tagged<ListPolicyProfilesResponse>>;
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
      return conditionalRead(transport, options, (init, ifNoneMatch) =>
        getOne(projectId, policyId, init, ifNoneMatch),
      ) as Promise<Tagged<PolicyProfile>>;
    },

    async updatePolicyProfile(projectId, policyId, input, options = {}) {
      requireId("projectId", projectId);
      requireId("policyId", policyId);
      const { ifMatch, ...rest } = options;
      checkEntityTag("ifMatch", ifMatch);
      return send(transport, rest, {}, (init) =>
        raw.PUT(item, {
          params: {
            path: { project_id: projectId, policy_id: policyId },
            ...(ifMatch === undefined ? {} : { header: { "If-Match": ifMatch } }),
          },
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
      refuseBothTrafficScopes(input);
      return send(transport, options, { retryPost: true }, (init) =>
        raw.POST("/v1/projects/{project_id}/policy-replays", {
          params: { path: { project_id: projectId } },
          body: input,
          ...init,
        }),
      );
    },

    async recommendAgentPolicy(projectId, agentId, input, options) {
      requireId("projectId", projectId);
      requireId("agentId", agentId);
      // Advisory: it reads the audit log and stores nothing, so a retry is safe.
      return send(transport, options, { retryPost: true }, (init) =>
        raw.POST("/v1/projects/{project_id}/agents/{agent_id}/policy-recommendation", {
          params: { path: { project_id: projectId, agent_id: agentId } },
          ...(input === undefined ? {} : { body: input }),
          ...init,
        }),
      );
    },
  };
  return resource;
}
