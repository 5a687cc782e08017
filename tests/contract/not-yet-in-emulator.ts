/**
 * Cells of the status suite that the emulator cannot answer yet: contract 0.3.5 reaches
 * `@pgbeam/policies-mock` on its own branch. Each runs against Prism only until then; the
 * integrator empties this list when the emulator's 0.3.5 work is merged. A key is
 * `operationId → status`, with `*` for any operation or any status.
 */
const envelope = "the emulator answers errors with the 0.2.4 envelope, not a problem document";
export const notYetInEmulator: ReadonlyMap<string, string> = new Map([
  ["recommendAgentPolicy → *", "the emulator has no recommendAgentPolicy route yet"],
  ["listPolicyProfiles → 200", "the emulator sends no ETag on reads yet"],
  ["getPolicyProfile → 200", "the emulator sends no ETag on reads yet"],
  ["* → 304", "the emulator has no conditional reads (If-None-Match) yet"],
  ["replayPolicy → 200", "the emulator's replay summary has no traffic_scope yet"],
  ...[400, 401, 403, 404, 409, 412, 413, 415, 429, 500].map(
    (status) => [`* → ${status}`, envelope] as const,
  ),
]);

/** Why the emulator cannot answer this cell yet, or undefined when it can. */
export function emulatorGap(operationId: string, status: number): string | undefined {
  for (const key of [`${operationId} → ${status}`, `${operationId} → *`, `* → ${status}`]) {
    const reason = notYetInEmulator.get(key);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
