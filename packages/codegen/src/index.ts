export { isJson, type Json } from "./json.js";
export { type BundledSpec, readSpec } from "./read-spec.js";
export { resolveRef } from "./resolve-ref.js";
export {
  httpMethods,
  type SpecOperation,
  type SpecParameter,
  type SpecResponse,
  specOperations,
} from "./spec-operations.js";
export {
  type GeneratedFile,
  generatedHeader,
  staleFiles,
  type WriteOptions,
  writeGenerated,
} from "./write-generated.js";
