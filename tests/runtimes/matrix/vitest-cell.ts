// The vitest users' path: a test file written as the mock's README says (`app/vitest-users/`),
// run by vitest 4 on Node 20 with msw 2, and by vitest 5 on Node 26 with msw 3.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { MswMajor } from "@pgbeam/contract-tests/msw-versions";
import type { Binary } from "./binaries.js";
import { runProcess } from "./run-process.js";
import { nodeBinary } from "./server-runtimes.js";

const require = createRequire(import.meta.url);
const devDependency = (manifest: string, name: string): string => {
  const { devDependencies } = require(manifest) as { devDependencies: Record<string, string> };
  const version = devDependencies[name];
  if (version === undefined) throw new Error(`${manifest} has no dev dependency on ${name}`);
  return version;
};

/** One run of the users' test file: which vitest, on which Node, beside which msw. */
export interface VitestRun {
  name: string;
  vitest: string;
  msw: MswMajor;
  node: Binary;
}

/** vitest 4 (ours) on this Node 20 with msw 2; vitest 5 (Node 22.12+ only) on Node 26 with msw 3. */
export const vitestRuns: VitestRun[] = [
  {
    name: "vitest 4",
    vitest: devDependency("../package.json", "vitest"),
    msw: 2,
    node: { path: process.execPath, version: process.versions.node },
  },
  {
    name: "vitest 5",
    vitest: devDependency("../vitest5/package.json", "vitest"),
    msw: 3,
    node: nodeBinary(26),
  },
];

/** Runs the users' test file with the project's vitest; resolves to what vitest counted. */
export async function runUsersTests(
  project: string,
  run: VitestRun,
): Promise<{ passed: number; failed: number; vitest: string }> {
  if (!("path" in run.node)) throw new Error(run.node.missing);
  const report = join(project, `vitest-report-${run.msw}.json`);
  const vitest = join(project, "node_modules", "vitest", "vitest.mjs");
  await runProcess(
    run.node.path,
    [vitest, "run", "--dir", "app/vitest-users", "--reporter=json", `--outputFile=${report}`],
    { cwd: project },
  );
  const counted = JSON.parse(readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
  };
  const { version } = JSON.parse(
    readFileSync(join(project, "node_modules", "vitest", "package.json"), "utf8"),
  ) as { version: string };
  return { passed: counted.numPassedTests, failed: counted.numFailedTests, vitest: version };
}
