import type { OperationId } from "@pgbeam/policies-types";
import type { Resources } from "./resources.js";

/** A `[resource, method]` pair that names a method the client really has. */
export type MethodRef = {
  [R in keyof Resources]: readonly [R, keyof Resources[R] & string];
}[keyof Resources];

/** One client method per operation of the spec: the shape {@link operationMethods} must have. */
export type OperationMethodTable = { readonly [K in OperationId]: MethodRef };

/**
 * Which client method calls each operation of the spec. Keyed by `OperationId` and checked with
 * `satisfies`: an operation the spec gains without a method here, or a method named here that the
 * resource lost, fails `pnpm typecheck` with the operation's or the method's name.
 */
export const operationMethods = {
  createPolicyProfile: ["policies", "createPolicyProfile"],
  listPolicyProfiles: ["policies", "listPolicyProfiles"],
  getPolicyProfile: ["policies", "getPolicyProfile"],
  updatePolicyProfile: ["policies", "updatePolicyProfile"],
  deletePolicyProfile: ["policies", "deletePolicyProfile"],
  dryEvalPolicy: ["policies", "dryEvalPolicy"],
  replayPolicy: ["policies", "replayPolicy"],
  recommendAgentPolicy: ["policies", "recommendAgentPolicy"],
  createApprovalRule: ["approvalRules", "create"],
  listApprovalRules: ["approvalRules", "list"],
  getApprovalRule: ["approvalRules", "get"],
  updateApprovalRule: ["approvalRules", "update"],
} as const satisfies OperationMethodTable;
