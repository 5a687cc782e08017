export { type MockServer, type StartMockOptions, startMock } from "./prism.js";
export { assertBundledSpecIsFresh, bundledSpecPath } from "./spec.js";
