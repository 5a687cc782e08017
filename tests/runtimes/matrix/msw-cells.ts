// The MSW handlers on each msw major, wherever that major intercepts: setupServer on Node, and
// setupWorker in Chromium (the Vite app's msw.html). Each cell also sends a request no handler
// answers, which `failOnUnhandledRequests` must stop.
import { join } from "node:path";
import type { MswMajor } from "@pgbeam/contract-tests/msw-versions";
import { type Binary, chromiumBinary } from "./binaries.js";
import { buildMswApp } from "./browser-builds.js";
import { runPage, sharedBrowser } from "./chromium.js";
import { parseResults } from "./results.js";
import { runProcess } from "./run-process.js";
import { nodeBinary, otherNodeMajors } from "./server-runtimes.js";

/** One cell: a runtime running the handlers on one msw major. */
export interface MswCell {
  name: string;
  msw: MswMajor;
  /** Why it cannot run here, or undefined when it can. */
  unavailable: string | undefined;
  /** Runs the cell in `project` (which has that msw installed). */
  run(project: string): Promise<unknown>;
}

/** msw 3 declares `engines: { node: ">=22.12.0" }` and needs it. */
const mswRunsOn = (msw: MswMajor, version: string): string | undefined => {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return msw === 3 && (major < 22 || (major === 22 && minor < 12))
    ? `msw 3 needs Node >= 22.12 and this is ${version}`
    : undefined;
};

function nodeCell(msw: MswMajor, binary: Binary): MswCell {
  const name = `node ${"version" in binary ? binary.version : "(missing)"} setupServer`;
  return {
    name,
    msw,
    unavailable: "missing" in binary ? binary.missing : mswRunsOn(msw, binary.version),
    async run(project) {
      if (!("path" in binary)) throw new Error(binary.missing);
      const output = await runProcess(binary.path, [join("app", "msw-node-entry.mjs")], {
        cwd: project,
      });
      return parseResults(output, name);
    },
  };
}

function chromiumCell(msw: MswMajor): MswCell {
  const binary = chromiumBinary();
  return {
    name: "chromium (vite) setupWorker",
    msw,
    unavailable: "missing" in binary ? binary.missing : undefined,
    async run(project) {
      const [outdir] = await Promise.all([buildMswApp(project), sharedBrowser()]);
      return runPage(outdir, "", "msw.html");
    },
  };
}

const nodes: Binary[] = [
  { path: process.execPath, version: process.versions.node },
  ...otherNodeMajors.map(nodeBinary),
];

/**
 * msw 3 on Bun and Deno: it does not intercept there (with or without our handlers, a request
 * goes to the real network; seen with msw 3.0.5, Bun 1.4.5 and Deno 2.9.6), so these cells are
 * listed, skipped, with that reason, as the mock's README says.
 */
const notIntercepting = (runtime: string): MswCell => ({
  name: `${runtime} setupServer`,
  msw: 3,
  unavailable: `msw 3 does not intercept on ${runtime}: requests go to the network`,
  run: () => Promise.reject(new Error(`msw 3 does not intercept on ${runtime}`)),
});

/** Every cell, for each msw major. */
export const mswCells: MswCell[] = [
  ...([2, 3] as const).flatMap((msw) => [
    ...nodes.map((binary) => nodeCell(msw, binary)),
    chromiumCell(msw),
  ]),
  notIntercepting("Bun"),
  notIntercepting("Deno"),
];
