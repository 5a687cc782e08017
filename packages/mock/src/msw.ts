export { failOnUnhandledRequests } from "./msw-fail-closed.js";
export { type MswHandlerOptions, mswHandlers } from "./msw-handlers.js";
