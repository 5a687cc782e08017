import {
  createPolicyClient,
  type PolicyClient,
  type RequestOptions,
} from "@pgbeam/policies-client";
import { validationMiddleware } from "@pgbeam/policies-validators";
import type { SpecOperation } from "@pgbeam/spec-testing";
import { inject } from "vitest";

/** Ids the suite uses in paths; they match the spec's patterns and examples. */
export const ids = { projectId: "prj_8Kx2mQ4vLp", policyId: "pol_3fGh7TnQ2w" } as const;

/** A client for the server under test (by default the global one); `validated` adds the validation middleware. */
export function suiteClient(validated: boolean, baseUrl: string = inject("baseUrl")): PolicyClient {
  const client = createPolicyClient({
    baseUrl,
    apiKey: inject("apiKey"),
    maxRetries: 0,
  });
  if (validated) client.raw.use(validationMiddleware());
  return client;
}

/** Calls the client method named by an operationId, with `body` as its request body. */
export function callOperation(
  client: PolicyClient,
  op: SpecOperation,
  body: unknown,
  options: RequestOptions,
): Promise<unknown> {
  const { policies } = client;
  const { projectId, policyId } = ids;
  const input = body as never;
  switch (op.operationId) {
    case "createPolicyProfile":
      return policies.createPolicyProfile(projectId, input, options);
    case "listPolicyProfiles":
      return policies.listPolicyProfiles(projectId, {}, options);
    case "getPolicyProfile":
      return policies.getPolicyProfile(projectId, policyId, options);
    case "updatePolicyProfile":
      return policies.updatePolicyProfile(projectId, policyId, input, options);
    case "deletePolicyProfile":
      return policies.deletePolicyProfile(projectId, policyId, options);
    case "dryEvalPolicy":
      return policies.dryEvalPolicy(projectId, input, options);
    case "replayPolicy":
      return policies.replayPolicy(projectId, input, options);
    default:
      throw new Error(`The client has no method for operation ${op.operationId}`);
  }
}

/** The URL path of an operation with the suite's ids filled in. */
export function filledPath(path: string): string {
  return path.replace("{project_id}", ids.projectId).replace("{policy_id}", ids.policyId);
}
