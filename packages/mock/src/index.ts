export { createPolicyMock } from "./create-policy-mock.js";
export type { Fault, FaultQueue } from "./faults.js";
export type { CreatePolicyMockOptions, MockSnapshot, PolicyMock } from "./mock-core.js";
export type { PolicyMockOptions } from "./service.js";
export type { RecordedStatement } from "./store.js";
