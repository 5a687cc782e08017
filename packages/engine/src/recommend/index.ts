export { minimumStatements, rowsPercentile } from "./candidate.js";
export { recommendFromAuditLog } from "./recommend-from-audit-log.js";
export type { TrafficRecommendation } from "./recommend-from-traffic.js";
export type { RecommendOptions } from "./recommendation-options.js";
