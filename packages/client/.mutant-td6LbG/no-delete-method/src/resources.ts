import type { ApprovalRulesResource } from "./approval-rules-resource.js";
import type { PoliciesResource } from "./policies-resource.js";

/** The client's resources by name: `client.policies`, `client.approvalRules`. */
export interface Resources {
  /** The Policies operations (tag Policies). */
  readonly policies: PoliciesResource;
  /** The approval-rule operations (tag Approvals). */
  readonly approvalRules: ApprovalRulesResource;
}
