import { policyReplayDefaults as specDefaults } from "@pgbeam/policies-validators";

/** Replay defaults: `limit` from the spec; the window's length from its description of `start_ts`. */
export const policyReplayDefaults = {
  limit: specDefaults.limit,
  /** "Defaults to 7 days before `end_ts`" (PolicyReplayInput.start_ts). */
  windowDays: 7,
} as const;
