import type { RuleId } from "./rule-ids.js";

/** A refusal: the rule that refused (from `ruleIds`), one sentence why, and what to do instead. */
export interface Refusal {
  rule: RuleId;
  reason: string;
  hint: string;
}

/**
 * Thrown inside an analysis to stop at the first refusal; never escapes the engine. Not an
 * `Error`: a refusal is an answer, and capturing a stack trace for it would cost more than
 * the rest of the evaluation.
 */
export class RefusalSignal {
  constructor(readonly refusal: Refusal) {}
}

/** Stops the current analysis with a refusal. */
export function refuse(rule: RuleId, reason: string, hint: string): never {
  throw new RefusalSignal({ rule, reason, hint });
}
