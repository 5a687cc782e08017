import {
  createPolicyClient,
  type OperationId,
  type PolicyClient,
  type RequestOptions,
  type WithResponse,
} from "@pgbeam/policies-client";
import { validationMiddleware } from "@pgbeam/policies-validators";
import type { SpecOperation } from "@pgbeam/spec-testing";
import { inject } from "vitest";

/** Ids the suite uses in paths; they match the spec's patterns and examples. */
export const ids = {
  projectId: "prj_8Kx2mQ4vLp",
  policyId: "pol_3fGh7TnQ2w",
  agentId: "agt_5mRt8XcV2n",
  approvalRuleId: "apl_01j9x8y7z6w5v4u3t2s1r0q9p8",
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

/** How the suite calls one operation through the client: `.withResponse()` of the method's promise. */
type CallCell = (
  client: PolicyClient,
  body: never,
  options: RequestOptions,
  shape: CallShape,
) => Promise<WithResponse<unknown>>;

const ifNoneMatchOf = (shape: CallShape) => (shape.ifNoneMatch ? suiteEntityTag : undefined);
const ifMatchOf = (shape: CallShape) => (shape.ifMatch ? suiteEntityTag : undefined);
const { projectId, policyId, agentId, approvalRuleId } = ids;

/**
 * The suite's call of every operation, keyed by OperationId: an operation the spec gains without
 * a cell here fails `pnpm typecheck`. A read with `If-None-Match` resolves to `Tagged` data or
 * `{ notModified: true }` (a 304 is a result).
 */
export const callTable = {
  createPolicyProfile: (c, body, o) =>
    c.policies.createPolicyProfile(projectId, body, o).withResponse(),
  listPolicyProfiles: (c, _, o, s) =>
    c.policies
      .listPolicyProfiles(projectId, {}, { ...o, ifNoneMatch: ifNoneMatchOf(s) })
      .withResponse(),
  getPolicyProfile: (c, _, o, s) =>
    c.policies
      .getPolicyProfile(projectId, policyId, { ...o, ifNoneMatch: ifNoneMatchOf(s) })
      .withResponse(),
  updatePolicyProfile: (c, body, o, s) =>
    c.policies
      .updatePolicyProfile(projectId, policyId, body, { ...o, ifMatch: ifMatchOf(s) })
      .withResponse(),
  deletePolicyProfile: (c, _, o) =>
    c.policies.deletePolicyProfile(projectId, policyId, o).withResponse(),
  dryEvalPolicy: (c, body, o) => c.policies.dryEvalPolicy(projectId, body, o).withResponse(),
  replayPolicy: (c, body, o) => c.policies.replayPolicy(projectId, body, o).withResponse(),
  recommendAgentPolicy: (c, body, o) =>
    c.policies.recommendAgentPolicy(projectId, agentId, body, o).withResponse(),
  createApprovalRule: (c, body, o) => c.approvalRules.create(projectId, body, o).withResponse(),
  listApprovalRules: (c, _, o, s) =>
    c.approvalRules.list(projectId, {}, { ...o, ifNoneMatch: ifNoneMatchOf(s) }).withResponse(),
  getApprovalRule: (c, _, o, s) =>
    c.approvalRules
      .get(projectId, approvalRuleId, { ...o, ifNoneMatch: ifNoneMatchOf(s) })
      .withResponse(),
  updateApprovalRule: (c, body, o, s) =>
    c.approvalRules
      .update(projectId, approvalRuleId, body, { ...o, ifMatch: ifMatchOf(s) })
      .withResponse(),
  deleteApprovalRule: (c, _, o) =>
    c.approvalRules.delete(projectId, approvalRuleId, o).withResponse(),
} satisfies { readonly [K in OperationId]: CallCell };

/** Calls the client method of an operation, with `body` as its request body. */
export function callOperation(
  client: PolicyClient,
  op: SpecOperation,
  body: unknown,
  options: RequestOptions,
  shape: CallShape = {},
): Promise<WithResponse<unknown>> {
  return callTable[op.operationId](client, body as never, options, shape);
}

/** The URL path of an operation with the suite's ids filled in. */
export function filledPath(path: string): string {
  return path
    .replace("{project_id}", ids.projectId)
    .replace("{policy_id}", ids.policyId)
    .replace("{agent_id}", ids.agentId)
    .replace("{approval_rule_id}", ids.approvalRuleId);
}
