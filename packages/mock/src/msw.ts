export { type MswHandlerOptions, mswHandlers } from "./msw-handlers.js";
