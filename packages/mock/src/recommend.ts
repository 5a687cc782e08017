import type { PolicyEngine } from "@pgbeam/policies-engine";
import type {
  PolicyProfile,
  PolicyRecommendation,
  PolicyRecommendationInput,
} from "@pgbeam/policies-types";
import { recommendationDefaults } from "./spec-facts.gen.js";
import type { StoredAuditEntry } from "./store.js";

const dayMs = 24 * 60 * 60 * 1000;

/** What the recommendation reads: the agent credential, its traffic, and its current profile. */
export interface RecommendationSubject {
  agentId: string;
  traffic: readonly StoredAuditEntry[];
  /** The profile the credential is attached to in the mock (`mock.attach`), if any. */
  current: PolicyProfile | undefined;
}

/**
 * Recommends a profile with the engine's derivation (`recommendFromAuditLog`, the one the
 * offline `recommend` runs) over the lookback window ending now, with the spec's defaults.
 */
export async function recommend(
  engine: PolicyEngine,
  subject: RecommendationSubject,
  input: PolicyRecommendationInput | undefined,
  now: Date,
): Promise<PolicyRecommendation> {
  const lookbackDays = input?.lookback_days ?? recommendationDefaults.lookback_days;
  const endMs = now.getTime();
  // Imported on first need, as the engine itself is, so a browser page that never recommends
  // never loads it.
  const { recommendFromAuditLog } = await import("@pgbeam/policies-engine");
  const { recommendation } = await recommendFromAuditLog(
    subject.traffic.map((stored) => stored.entry),
    {
      engine,
      credential_id: subject.agentId,
      start_ts: new Date(endMs - lookbackDays * dayMs),
      end_ts: now,
      limit: input?.limit ?? recommendationDefaults.limit,
      windowLabel: `in the last ${lookbackDays} days`,
      ...(subject.current === undefined ? {} : { current: subject.current }),
    },
  );
  return recommendation;
}
