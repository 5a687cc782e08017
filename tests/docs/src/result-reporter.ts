/** What the instrumented blocks reported: per result comment, the values its statement produced. */
const reported = new Map<number, unknown[][]>();

/** Called by an instrumented block in place of a statement with a result comment. */
export function __result(index: number, values: unknown[], logged: boolean): void {
  if (logged) console.log(...values);
  const list = reported.get(index) ?? [];
  list.push(values);
  reported.set(index, list);
}

/** Takes (and forgets) what has been reported since the last call. */
export function takeReported(): Map<number, unknown[][]> {
  const copy = new Map(reported);
  reported.clear();
  return copy;
}
