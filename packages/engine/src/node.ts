export * from "./index.js";
export type { FileReadOptions } from "./replay/node/file-options.js";
export { recommendFromAuditLogFile } from "./replay/node/recommend-from-audit-log-file.js";
export { replayAuditLogFile } from "./replay/node/replay-audit-log-file.js";
