import {
  createPolicyClient,
  type PolicyClient,
  type RequestOptions,
} from "@pgbeam/policies-client";
import { validationMiddleware } from "@pgbeam/policies-validators";
import type { SpecOperation } from "@pgbeam/spec-testing";
import { inject } from "vitest";

/** Ids the suite uses in paths; they match the spec's patterns and examples. */
export const ids = {
  projectId: "prj_8Kx2mQ4vLp",
  policyId: "pol_3fGh7TnQ2w",
  agentId: "agt_5mRt8XcV2n",
} as const;

/** The entity tag the suite sends in `If-None-Match` and `If-Match`. */
export const suiteEntityTag = '"contract-suite"';

/** A client for the server under test (by default the global one); `validated` adds the validation middleware. */
export function suiteClient(validated: boolean, baseUrl: string = inject("baseUrl")): PolicyClient {
  const client = createPolicyClient({
    baseUrl,
    apiKey: inject("apiKey"),
    maxRetries: 0,
  });
  // Strict: an error answer that breaks the spec fails the call instead of only being reported.
  const strict = (violation: Error) => {
    throw violation;
  };
  if (validated) client.raw.use(validationMiddleware({ onErrorResponseViolation: strict }));
  return client;
}

/** What a cell adds to its call: the conditional headers its status needs. */
export interface CallShape {
  /** Send `If-None-Match` (list and get: a 304 is only sent to a conditional read). */
  ifNoneMatch?: boolean;
  /** Send `If-Match` (update: a 412 is only sent to a conditional write). */
  ifMatch?: boolean;
}

/**
 * Calls the client method named by an operationId, with `body` as its request body. Reads go
 * through the ETag-aware methods, so a 200 resolves to `{ data, etag }` and a 304 to
 * `{ notModified: true }`.
 */
export function callOperation(
  client: PolicyClient,
  op: SpecOperation,
  body: unknown,
  options: RequestOptions,
  shape: CallShape = {},
): Promise<unknown> {
  const { policies } = client;
  const { projectId, policyId, agentId } = ids;
  const input = body as never;
  const ifNoneMatch = shape.ifNoneMatch ? suiteEntityTag : undefined;
  switch (op.operationId) {
    case "createPolicyProfile":
      return policies.createPolicyProfile(projectId, input, options);
    case "listPolicyProfiles":
      return policies.listPolicyProfilesWithETag(projectId, {}, { ...options, ifNoneMatch });
    case "getPolicyProfile":
      return policies.getPolicyProfileWithETag(projectId, policyId, { ...options, ifNoneMatch });
    case "updatePolicyProfile":
      return policies.updatePolicyProfile(projectId, policyId, input, {
        ...options,
        ifMatch: shape.ifMatch ? suiteEntityTag : undefined,
      });
    case "deletePolicyProfile":
      return policies.deletePolicyProfile(projectId, policyId, options);
    case "dryEvalPolicy":
      return policies.dryEvalPolicy(projectId, input, options);
    case "replayPolicy":
      return policies.replayPolicy(projectId, input, options);
    case "recommendAgentPolicy":
      return policies.recommendAgentPolicy(projectId, agentId, input, options);
    default:
      throw new Error(`The client has no method for operation ${op.operationId}`);
  }
}

/** The URL path of an operation with the suite's ids filled in. */
export function filledPath(path: string): string {
  return path
    .replace("{project_id}", ids.projectId)
    .replace("{policy_id}", ids.policyId)
    .replace("{agent_id}", ids.agentId);
}
