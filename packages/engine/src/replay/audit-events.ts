// What an audit entry's `event` says about its statement: one definition, read by the replay,
// the recommendation and the emulator.

/** Events of a statement the proxy refused: it never ran. */
const refusedEvents = new Set([
  "blocked",
  "rejected",
  "budget_exhausted",
  "approval_expired",
  "canary_tripped",
]);

/** Events that carry no statement of the agent's (authentication, bookkeeping). */
const statementlessEvents = new Set(["auth_failed", "credential_expired", "entries_dropped"]);

/** True when the entry's statement was refused (a blocked attempt). */
export function wasRefused(event: string): boolean {
  return refusedEvents.has(event);
}

/** True when the event records a statement of the agent's (refused or not). */
export function carriesStatement(event: string): boolean {
  return !statementlessEvents.has(event);
}

/** True when the entry records a statement that ran (any event but a refusal or bookkeeping). */
export function ranStatement(event: string): boolean {
  return !refusedEvents.has(event) && !statementlessEvents.has(event);
}
