export { ContractViolationError } from "./contract-violation-error.js";
export { errorCodeByStatus, errorCodesByOperation } from "./error-codes.js";
export { type OperationSchemas, operationSchemas } from "./generated/operations.gen.js";
export {
  approvalRuleStatementKinds,
  dryEvalSqlMaxLength,
  errorCodes,
  policyProfileDefaults,
  policyProfileFields,
  policyProfileNestedFields,
  policyProfileStoredLists,
  policyReplayDefaults,
  statementKinds,
} from "./generated/spec-facts.gen.js";
export * from "./generated/validators.gen.js";
export type { ValidationIssue, ValidationResult } from "./issue.js";
export { type LintRuleInfo, lintRuleCatalogue, severityOrder } from "./lint/catalogue.js";
export type { LintFinding, LintReport, Severity } from "./lint/finding.js";
export {
  type LintApprovalRuleOptions,
  lintApprovalRule,
} from "./lint/lint-approval-rule.js";
export { lintPolicyProfile } from "./lint/lint-policy-profile.js";
export * from "./policy-compat.js";
export { ValidationError } from "./validation-error.js";
export {
  type ValidationMiddleware,
  type ValidationMiddlewareOptions,
  validationMiddleware,
} from "./validation-middleware.js";
export type { Validator } from "./validator.js";
