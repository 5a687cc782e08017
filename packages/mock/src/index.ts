export { createPolicyMock } from "./create-policy-mock.js";
export type { Fault, FaultQueue } from "./faults.js";
export type { CreatePolicyMockOptions, MockSnapshot, PolicyMock } from "./mock-core.js";
export type { SelfHostEnrollment } from "./self-host-enrollment.js";
export type { PolicyMockOptions, RequestLogEntry } from "./service.js";
export { MockSetupError, type SetupList } from "./setup-error.js";
export type { RecordedAuditEntry } from "./store.js";
