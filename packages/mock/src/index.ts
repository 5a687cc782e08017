export {
  type CreatePolicyMockOptions,
  createPolicyMock,
  type MockSnapshot,
  type PolicyMock,
} from "./create-policy-mock.js";
export type { Fault, FaultQueue } from "./faults.js";
export type { PolicyMockOptions } from "./service.js";
export type { RecordedStatement } from "./store.js";
