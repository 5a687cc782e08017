import type { PolicyProfile, PolicyProfileInput } from "@pgbeam/policies-types";
import type { PolicyEngine } from "../engine.js";
import type { ReplayProgress } from "../replay/replay-options.js";

/** Options of a recommendation from recorded traffic. */
export interface RecommendOptions {
  /** The agent credential whose traffic the candidate is derived from. */
  credential_id: string;
  /** Start of the window, inclusive (default: the oldest entry). */
  start_ts?: string | Date;
  /** End of the window, exclusive (default: after the newest entry). */
  end_ts?: string | Date;
  /** Analyse and replay only the newest `limit` shapes (default: all of them). */
  limit?: number;
  /** The profile the credential is attached to: its masking rules, row filters and denylist are kept. */
  current?: PolicyProfile | PolicyProfileInput;
  /** How the message names the window (default: its two ends). */
  windowLabel?: string;
  /** The engine to use (default: `createEngine()`). */
  engine?: PolicyEngine;
  /** How many skipped lines the report keeps (default 20). */
  maxReportedLines?: number;
  /** Called now and then while the traffic is read. */
  onProgress?: (progress: ReplayProgress) => void;
}
