export { type MockServer, type StartMockOptions, startMock, startProxy } from "./prism.js";
export { assertBundledSpecIsFresh, bundledSpecPath } from "./spec.js";
