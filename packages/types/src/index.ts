/** Types for every schema, operation and path of the PgBeam Policies API. */

export { PgBeamError } from "./pgbeam-error.js";
export type * from "./policies.gen.js";
export { specVersion } from "./spec-version.gen.js";
