import type { RuleId } from "./rule-ids.js";

/** A refusal: the rule that refused (from `ruleIds`), one sentence why, and what to do instead. */
export interface Refusal {
  rule: RuleId;
  reason: string;
  hint: string;
}

/**
 * Where an analysis records its refusals: the first one is the answer. Refusals travel as values
 * (this, or a `Refusal` returned), never as exceptions; an analysis that has refused may go on
 * computing, and its result is ignored.
 */
export class Refusals {
  /** The first refusal recorded, if any. */
  first: Refusal | undefined;

  /** Records a refusal; only the first one counts. */
  add(rule: RuleId, reason: string, hint: string): void {
    this.first ??= { rule, reason, hint };
  }
}
