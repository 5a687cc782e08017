import type {
  ListPolicyProfilesResponse,
  PolicyProfile,
  PolicyProfileInput,
  paths,
} from "@pgbeam/policies-types";
import type { Client } from "openapi-fetch";
import { apiCall } from "./api-promise.js";
import type { ConditionalReadOptions, NotModified, Tagged } from "./conditional.js";
import { createCrud } from "./crud.js";
import { requireChangeFunction } from "./modify.js";
import { callOperation } from "./operation-call.js";
import type { PoliciesResource } from "./policies-resource.js";
import { refuseBothTrafficScopes } from "./replay-scope.js";
import { requireId } from "./send.js";
import type { Transport } from "./transport.js";

/** A read's data with its ETag, from `.withResponse()`, as the deprecated `…WithETag` methods return it. */
async function tagged<T>(
  read: PromiseLike<unknown> & {
    withResponse(): Promise<{ data: unknown; etag?: string | undefined }>;
  },
  conditional: boolean,
): Promise<Tagged<T> | NotModified> {
  const { data, etag } = await read.withResponse();
  return conditional
    ? (data as Tagged<T> | NotModified)
    : { notModified: false, data: data as T, etag };
}

/** Builds the Policies methods on top of the raw openapi-fetch client and the transport. */
export function createPoliciesResource(raw: Client<paths>, transport: Transport): PoliciesResource {
  const profiles = createCrud<PolicyProfile, PolicyProfileInput, ListPolicyProfilesResponse>(
    raw,
    transport,
    {
      create: "createPolicyProfile",
      list: "listPolicyProfiles",
      get: "getPolicyProfile",
      update: "updatePolicyProfile",
      delete: "deletePolicyProfile",
    },
    {
      idParameter: "policy_id",
      idArgument: "policyId",
      items: "policies",
      noun: "Profile",
      updateMethod: "updatePolicyProfile",
    },
  );

  const resource: PoliciesResource = {
    createPolicyProfile: profiles.create,
    listPolicyProfiles: profiles.list as PoliciesResource["listPolicyProfiles"],
    listAllPolicyProfiles: profiles.listAll,
    getPolicyProfile: profiles.get as PoliciesResource["getPolicyProfile"],
    updatePolicyProfile: profiles.update,
    deletePolicyProfile: profiles.delete,
    modifyPolicyProfile(projectId, policyId, change, options) {
      return apiCall(() => {
        requireChangeFunction(change, "next profile");
        return profiles.modify(projectId, policyId, change, options).withResponse();
      });
    },
    listPolicyProfilesWithETag(
      projectId: string,
      query?: object,
      options: ConditionalReadOptions = {},
    ) {
      return tagged<ListPolicyProfilesResponse>(
        profiles.list(projectId, query, options),
        options.ifNoneMatch !== undefined,
      ) as Promise<Tagged<ListPolicyProfilesResponse>>;
    },
    getPolicyProfileWithETag(
      projectId: string,
      policyId: string,
      options: ConditionalReadOptions = {},
    ) {
      return tagged<PolicyProfile>(
        profiles.get(projectId, policyId, options),
        options.ifNoneMatch !== undefined,
      ) as Promise<Tagged<PolicyProfile>>;
    },

    dryEvalPolicy: (projectId, input, options) =>
      apiCall(() => {
        requireId("projectId", projectId);
        const params = { path: { project_id: projectId } };
        return callOperation(raw, transport, "dryEvalPolicy", { params, body: input }, options);
      }),
    replayPolicy: (projectId, input, options) =>
      apiCall(() => {
        requireId("projectId", projectId);
        refuseBothTrafficScopes(input);
        const params = { path: { project_id: projectId } };
        return callOperation(raw, transport, "replayPolicy", { params, body: input }, options);
      }),
    recommendAgentPolicy: (projectId, agentId, input, options) =>
      apiCall(() => {
        requireId("projectId", projectId);
        requireId("agentId", agentId);
        const params = { path: { project_id: projectId, agent_id: agentId } };
        return callOperation(
          raw,
          transport,
          "recommendAgentPolicy",
          { params, ...(input === undefined ? {} : { body: input }) },
          options,
        );
      }),
  };
  return resource;
}
