// Until every importer reads the policy semantics from "@pgbeam/policies-validators/policy", the
// root entry re-exports them (the same bindings, not copies). Each name is deprecated here.
export {
  type ApprovalSettings,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  approvalsEverHold,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  columnKey,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  copyEffect,
  type DefaultedField,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  holdsForApproval,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  identifierKey,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  identifierMaxBytes,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  isWriteEffect,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  kindAlwaysWrites,
  type RelationLists,
  type RelationName,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  relationKey,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  relationLists,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  relationName,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  rowFilterTextProblem,
  type StatementChange,
  type StatementClass,
  type StatementEffect,
  type WithDefaults,
  /** @deprecated Import from "@pgbeam/policies-validators/policy". */
  withDefaults,
} from "./policy/index.js";
