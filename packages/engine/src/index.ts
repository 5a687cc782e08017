export type { EvaluateOptions } from "./approval-rule-notes.js";
export {
  type ClassifiedStatement,
  classifyStatement,
  createEngine,
  fingerprint,
  type PolicyEngine,
  type QueryFingerprint,
  relationsOf,
} from "./engine.js";
export type { EngineOptions } from "./engine-options.js";
export type { CompiledPolicy, PolicyLike } from "./policy.js";
export * from "./recommend/index.js";
export type { RelationReference } from "./relation-reference.js";
export * from "./replay/index.js";
export { SqlSyntaxError } from "./sql-syntax-error.js";
export type { StatementClass } from "./statement-kinds.js";
export type { WasmSource } from "./wasm-source.js";
