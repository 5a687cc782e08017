export type { CliIo } from "./io.js";
export { run } from "./program.js";
