export { ContractViolationError } from "./contract-violation-error.js";
export { type OperationSchemas, operationSchemas } from "./generated/operations.gen.js";
export {
  dryEvalSqlMaxLength,
  errorCodeByStatus,
  errorCodes,
  errorCodesByOperation,
  policyProfileDefaults,
  policyProfileFields,
  policyProfileNestedFields,
  policyReplayDefaults,
  statementKinds,
} from "./generated/spec-facts.gen.js";
export * from "./generated/validators.gen.js";
export type { ValidationIssue, ValidationResult } from "./issue.js";
export type { LintFinding, LintReport, Severity } from "./lint/finding.js";
export { lintPolicyProfile } from "./lint/lint-policy-profile.js";
export {
  type ApprovalSettings,
  approvalsEverHold,
  holdsForApproval,
  type StatementChange,
} from "./policy/approvals.js";
export { columnKey, identifierKey, identifierMaxBytes } from "./policy/identifier.js";
export {
  type RelationLists,
  type RelationName,
  relationKey,
  relationLists,
  relationName,
} from "./policy/relation-matching.js";
export { rowFilterTextProblem } from "./policy/row-filter-safety.js";
export { kindAlwaysWrites } from "./policy/write-kinds.js";
export { ValidationError } from "./validation-error.js";
export {
  type ValidationMiddleware,
  type ValidationMiddlewareOptions,
  validationMiddleware,
} from "./validation-middleware.js";
export type { Validator } from "./validator.js";
export { type DefaultedField, type WithDefaults, withDefaults } from "./with-defaults.js";
