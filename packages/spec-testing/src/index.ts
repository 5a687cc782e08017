export { arbitraryFor } from "./arbitrary.js";
export { componentSchema, exampleOf, resolve, type Schema, spec, specExamples } from "./spec.js";
export { type SpecOperation, specOperations } from "./spec-operations.js";
