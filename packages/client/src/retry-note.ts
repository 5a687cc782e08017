/** Why the transport gave up on a retryable answer, kept with the response it returned. */
const notes = new WeakMap<Response, string>();

/** Marks a final response with how the retries ended (`3 attempts`, `not retried: …`). */
export function noteRetryOutcome(response: Response, note: string): Response {
  notes.set(response, note);
  return response;
}

/** The note the transport left on a response, if any. */
export function retryOutcomeOf(response: Response): string | undefined {
  return notes.get(response);
}

/** Milliseconds as an error message says them: `30 s`, `1.5 s`, `0.2 s`. */
export function seconds(ms: number): string {
  return `${Math.round(Math.max(0, ms) / 100) / 10} s`;
}
