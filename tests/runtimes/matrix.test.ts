// The runtime matrix: the packed packages, installed once into a throw-away project, run the same
// four checks on every runtime our users run (all at once, each in its own process or isolate).
// A runtime this machine cannot provide is a skipped test that names the reason.
import { rmSync } from "node:fs";
import { mswVersions } from "@pgbeam/contract-tests/msw-versions";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumRuntimes, closeChromium } from "./matrix/chromium.js";
import type { MatrixContext } from "./matrix/context.js";
import { edgeRuntime } from "./matrix/edge-runtime.js";
import { type MswCell, mswCells } from "./matrix/msw-cells.js";
import { createMatrixProject, startEmulator } from "./matrix/project.js";
import { type CheckResults, checkNames, checkTitles } from "./matrix/results.js";
import type { Runtime } from "./matrix/runtime.js";
import { serverRuntimes } from "./matrix/server-runtimes.js";
import { runUsersTests, type VitestRun, vitestRuns } from "./matrix/vitest-cell.js";
import { workerdRuntime } from "./matrix/workerd.js";

const runtimes: Runtime[] = [...serverRuntimes, workerdRuntime, edgeRuntime, ...chromiumRuntimes];
/** The runtime running this suite (Node 20 on CI): every other one must answer as it does. */
const reference = runtimes[0] as Runtime;
const results = new Map<string, Promise<CheckResults>>();
const mswResults = new Map<MswCell, Promise<unknown>>();
const vitestResults = new Map<VitestRun, Promise<unknown>>();
let project: string | undefined;
let msw3Project: string | undefined;
let emulator: { close(): Promise<void> } | undefined;

beforeAll(async () => {
  // The main project has msw 2 (the mock's own); a second one has msw 3, as its users install it.
  // Each also has a vitest, for the users' test file (vitest 4 with msw 2, vitest 5 with msw 3).
  const vitestFor = (major: 2 | 3) => ({
    vitest: vitestRuns.find((run) => run.msw === major)?.vitest ?? "",
  });
  const [created, withMsw3] = await Promise.all([
    createMatrixProject(mswVersions[2], vitestFor(2)),
    createMatrixProject(mswVersions[3], vitestFor(3)),
  ]);
  project = created.project;
  msw3Project = withMsw3.project;
  const started = await startEmulator(created.project);
  emulator = started;
  const ready: MatrixContext = { ...created, baseUrl: started.url };
  for (const runtime of runtimes) {
    if (runtime.unavailable !== undefined) continue;
    const running = runtime.run(ready);
    running.catch(() => {}); // reported by the runtime's own tests
    results.set(runtime.name, running);
  }
  await Promise.allSettled(results.values());
  // Then the MSW cells, so that the two cores are not shared by twenty processes at once.
  const projectWith = (major: 2 | 3) => (major === 3 ? withMsw3.project : created.project);
  for (const cell of mswCells) {
    if (cell.unavailable !== undefined) continue;
    const running = cell.run(projectWith(cell.msw));
    running.catch(() => {}); // reported by the cell's own test
    mswResults.set(cell, running);
  }
  for (const run of vitestRuns) {
    if (!("path" in run.node)) continue;
    const running = runUsersTests(projectWith(run.msw), run);
    running.catch(() => {}); // reported by the cell's own test
    vitestResults.set(run, running);
  }
  await Promise.allSettled([...mswResults.values(), ...vitestResults.values()]);
}, 480_000);

afterAll(async () => {
  await closeChromium();
  await emulator?.close();
  for (const folder of [project, msw3Project]) {
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
});

/** What a skipped runtime's test names say after the check: why it cannot run here. */
const skippedBecause = (runtime: Runtime) =>
  runtime.unavailable === undefined ? "" : ` (skipped: ${runtime.unavailable})`;

const resultsOf = (runtime: Runtime): Promise<CheckResults> => {
  const running = results.get(runtime.name);
  if (running === undefined) throw new Error(`${runtime.name} did not run`);
  return running;
};

describe(`${reference.name} (the reference every runtime must match)`, () => {
  test("answers every check without an error", async () => {
    const answered = await resultsOf(reference);
    for (const check of checkNames) expect(answered[check]).not.toHaveProperty("error");
    expect(answered.client).toMatchObject({ sameName: true, listed: true });
    expect(answered.client).toEqual(answered.mock);
  });
});

describe.each(runtimes)("$name", (runtime) => {
  test.skipIf(runtime.unavailable !== undefined).each(checkNames)(
    `%s${skippedBecause(runtime)}`,
    async (check) => {
      const expected = (await resultsOf(reference))[check];
      expect((await resultsOf(runtime))[check], checkTitles[check]).toEqual(expected);
    },
  );
});

const chromiumWith = (bundler: string) =>
  runtimes.find((runtime) => runtime.name === `chromium (${bundler})`) as Runtime;

describe.each(["vite", "webpack"].map(chromiumWith))(
  "$name, the engine with no option",
  (runtime) => {
    test.skipIf(runtime.unavailable !== undefined)(
      `createEngine() fetches the .wasm the bundler emitted${skippedBecause(runtime)}`,
      async () => {
        expect((await resultsOf(runtime)).zeroConfig).toBe("allow");
      },
    );
  },
);

describe.each(mswCells)("msw $msw, $name", (cell) => {
  const skipped = cell.unavailable === undefined ? "" : ` (skipped: ${cell.unavailable})`;
  test.skipIf(cell.unavailable !== undefined)(
    `the client's round trip goes through the mock's handlers and an unhandled request fails closed (failOnUnhandledRequests)${skipped}`,
    async () => {
      const expected = (await resultsOf(reference)).client;
      const answered = await mswResults.get(cell);
      expect(answered).toMatchObject({ roundTrip: expected, unhandled: "refused" });
      if (cell.name.startsWith("node")) expect(answered).toMatchObject({ reachedNetwork: 0 });
    },
  );
});

describe.each(vitestRuns)("vitest users: $name", (run) => {
  const missing = "missing" in run.node ? run.node.missing : undefined;
  test.skipIf(missing !== undefined)(
    `on node ${"version" in run.node ? run.node.version : "(missing)"} with msw ${run.msw}, passes a test file written as the mock's README says${missing === undefined ? "" : ` (skipped: ${missing})`}`,
    async () => {
      expect(await vitestResults.get(run)).toEqual({ passed: 2, failed: 0, vitest: run.vitest });
    },
  );
});

describe.each([workerdRuntime, edgeRuntime])("$name, the engine without its module", (runtime) => {
  test.skipIf(runtime.unavailable !== undefined)(
    `createEngine() says to pass { wasm }${skippedBecause(runtime)}`,
    async () => {
      expect((await resultsOf(runtime)).withoutWasm).toMatch(
        /^createEngine: could not load the PostgreSQL parser's WebAssembly from .+[^.]\. Pass createEngine\(\{ wasm \}\)/,
      );
    },
  );
});
