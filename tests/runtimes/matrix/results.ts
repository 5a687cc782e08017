/** What a runtime answers for each of the four checks (a summary, or `{ error }`). */
export interface CheckResults {
  client: unknown;
  validators: unknown;
  engine: unknown;
  mock: unknown;
  /** Only Vite's and webpack's apps: the verdict of `createEngine()` with no option. */
  zeroConfig?: unknown;
  /** Only workerd and edge-runtime: the message of `createEngine()` called without `wasm`. */
  withoutWasm?: unknown;
}

/** The four checks, in the order the matrix lists them. */
export const checkNames = ["client", "validators", "engine", "mock"] as const;

/** What each check covers, for the test names. */
export const checkTitles: Record<(typeof checkNames)[number], string> = {
  client: "the client against the emulator over HTTP",
  validators: "the validators and their Standard Schema form",
  engine: "the engine: a mask and a row-filter verdict",
  mock: "the emulator in-process (mock.fetch)",
};

/** Reads the results a runtime printed as its last line of JSON. */
export function parseResults(output: string, runtime: string): CheckResults {
  const line = output.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line) as CheckResults;
  } catch {
    throw new Error(`${runtime} printed no results; its output was:\n${output.slice(-4000)}`);
  }
}
