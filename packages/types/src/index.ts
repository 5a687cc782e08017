/** Types for every schema, operation and path of the PgBeam Policies API. */

export type {
  OperationFacts,
  QueryParameterFacts,
  RetrySafety,
  ServiceFacts,
} from "./operation-facts.js";
export type { OperationId } from "./operation-id.js";
export { operationIds, operationTable, serviceFacts } from "./operation-table.gen.js";
export { PgBeamError } from "./pgbeam-error.js";
export type * from "./policies.gen.js";
export { specVersion } from "./spec-version.gen.js";
