/** A refusal: the rule that refused, one sentence why, and what to do instead. */
export interface Refusal {
  rule: string;
  reason: string;
  hint: string;
}

/** Thrown inside an analysis to stop at the first refusal; never escapes the engine. */
export class RefusalSignal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

/** Stops the current analysis with a refusal. */
export function refuse(rule: string, reason: string, hint: string): never {
  throw new RefusalSignal({ rule, reason, hint });
}
