import type { PolicyEngine } from "@pgbeam/policies-engine";
import type {
  PolicyProfile,
  PolicyProfileInput,
  PolicyReplayInput,
  PolicyReplayResult,
} from "@pgbeam/policies-types";
import { policyReplayDefaults } from "@pgbeam/policies-validators";
import { replayWindowDays } from "./spec-facts.gen.js";
import type { StoredAuditEntry } from "./store.js";

const dayMs = 24 * 60 * 60 * 1000;

/** Which traffic a replay reads: one credential's, the credentials bound to a profile, or all. */
export interface ReplayScope {
  /** Only entries of these credentials (undefined: every entry of the project). */
  credentials: ReadonlySet<string> | undefined;
  summary: Pick<PolicyReplayResult["summary"], "traffic_scope" | "bound_credentials">;
}

/**
 * Replays recorded traffic against a policy with the engine's `replayAuditLog` (the function
 * the offline replay runs, so the two cannot disagree), with the service's defaults applied on
 * top: the window is [start_ts, end_ts), by default the spec's days before now, and only the
 * newest `limit` shapes (the spec's default) are judged.
 */
export async function replay(
  engine: PolicyEngine,
  traffic: readonly StoredAuditEntry[],
  input: Pick<PolicyReplayInput, "start_ts" | "end_ts" | "limit">,
  policy: PolicyProfileInput | PolicyProfile,
  now: Date,
  scope: ReplayScope,
): Promise<PolicyReplayResult> {
  const endMs = input.end_ts === undefined ? now.getTime() : Date.parse(input.end_ts);
  const startMs =
    input.start_ts === undefined ? endMs - replayWindowDays * dayMs : Date.parse(input.start_ts);
  const credentials = scope.credentials === undefined ? undefined : [...scope.credentials];
  // Imported on first need, as the engine itself is.
  const { replayAuditLog } = await import("@pgbeam/policies-engine");
  const { result } = await replayAuditLog(
    traffic.map((stored) => stored.entry),
    {
      engine,
      policy,
      start_ts: new Date(startMs),
      end_ts: new Date(endMs),
      limit: input.limit ?? policyReplayDefaults.limit,
      ...(credentials === undefined
        ? {}
        : scope.summary.traffic_scope === "bound_credentials"
          ? { bound_credentials: credentials }
          : { credential_id: credentials[0] ?? "" }),
    },
  );
  return result;
}
