export { carriesStatement, ranStatement, wasRefused } from "./audit-events.js";
export type { AuditLogEntry } from "./audit-log-entry.js";
export type { AuditLogSource } from "./collect-traffic.js";
export { type ByteSource, isGzip, type JsonLinesOptions, readJsonLines } from "./json-lines.js";
export { replayAuditLog } from "./replay-audit-log.js";
export type { ReplayOptions, ReplayProgress } from "./replay-options.js";
export type { ReplayScopeSummary, TrafficReplay } from "./replay-result.js";
export type { SkippedLine, SkippedReport, SkipReason } from "./skipped.js";
export type { TrafficFilter } from "./traffic-filter.js";
