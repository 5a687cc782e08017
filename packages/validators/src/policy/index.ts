export {
  type ApprovalRuleConditions,
  type ApprovalRuleScope,
  approvalRuleCoversRelation,
  approvalRuleHolds,
  approvalRuleNamesKind,
  approvalRuleScope,
  approvalRulesHolding,
  type RuleStatement,
} from "./approval-rule-matching.js";
export {
  type ApprovalSettings,
  approvalsEverHold,
  holdsForApproval,
  type StatementChange,
  statementChangeOfKind,
} from "./approvals.js";
export {
  type DefaultedField,
  type EffectiveProfile,
  effectiveProfile,
  type StoredListField,
  type WithDefaults,
  withDefaults,
} from "./effective-profile.js";
export { columnKey, identifierKey, identifierMaxBytes } from "./identifier.js";
export {
  type RelationLists,
  type RelationName,
  relationKey,
  relationLists,
  relationName,
} from "./relation-matching.js";
export { rowFilterTextProblem } from "./row-filter-safety.js";
export {
  copyEffect,
  effectsOfKind,
  isWriteEffect,
  kindAlwaysWrites,
  type StatementClass,
  type StatementEffect,
} from "./statement-effects.js";
