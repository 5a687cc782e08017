export type * from "@pgbeam/policies-types";
/** Which spec this client was built against: `{ version, sha256 }`. */
export { specVersion } from "@pgbeam/policies-types";
export type { ApiPromise, WithResponse } from "./api-promise.js";
export type {
  ApprovalRulePatch,
  ApprovalRulesResource,
  ListAllApprovalRulesOptions,
  ListApprovalRulesQuery,
} from "./approval-rules-resource.js";
export { createPolicyClient, type PolicyClient } from "./client.js";
export type {
  ConditionalReadOptions,
  ModifyOptions,
  ModifyPolicyProfileOptions,
  NotModified,
  Tagged,
  UpdateRequestOptions,
} from "./conditional.js";
export type { ApiErrorCode } from "./error-code.js";
export * from "./errors.js";
export { hasErrorCode } from "./has-error-code.js";
export type { Logger, LogLevel } from "./logger.js";
export {
  type MethodRef,
  type OperationMethodTable,
  operationMethods,
} from "./operation-methods.js";
export type { ClientOptions, TokenContext } from "./options.js";
export type {
  ListAllPolicyProfilesOptions,
  ListPolicyProfilesQuery,
  PoliciesResource,
} from "./policies-resource.js";
export type { CreateRequestOptions, RequestOptions } from "./request-options.js";
export type { Resources } from "./resources.js";
