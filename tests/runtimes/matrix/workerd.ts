// A Cloudflare Worker: bundled by Wrangler (`wrangler deploy --dry-run`), run by workerd through
// Miniflare.
import { readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { checksQuery } from "./context.js";
import { parseResults } from "./results.js";
import { runProcess } from "./run-process.js";
import type { Runtime } from "./runtime.js";

const wrangler = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");
const compatibilityDate = "2026-04-01";

/** Bundles `app/<entry>` with Wrangler into `dist/wrangler-<entry>/`; returns the script's path. */
export async function bundleWorker(project: string, entry: string): Promise<string> {
  const outdir = join(project, "dist", `wrangler-${entry}`);
  const config = join(project, `wrangler-${entry}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      name: "pgbeam-runtime-matrix",
      main: `app/${entry}`,
      compatibility_date: compatibilityDate,
    }),
  );
  await runProcess(
    process.execPath,
    [wrangler, "deploy", "--dry-run", "--outdir", outdir, "--config", config],
    { cwd: project, env: { WRANGLER_SEND_METRICS: "false", CI: "1", HOME: project } },
  );
  const script = readdirSync(outdir).find((file) => file.endsWith(".js"));
  if (script === undefined) throw new Error(`wrangler wrote no script into ${outdir}`);
  return join(outdir, script);
}

/** Starts workerd on a bundled worker, its `.wasm` files imported as compiled modules. */
export function startWorker(script: string): Miniflare {
  return new Miniflare({
    modules: true,
    scriptPath: script,
    modulesRoot: join(script, ".."),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate,
    cf: false,
  });
}

/** workerd, with the worker Wrangler bundles from `app/worker-entry.mjs`. */
export const workerdRuntime: Runtime = {
  name: "workerd (wrangler)",
  unavailable: undefined,
  async run(context) {
    const worker = startWorker(await bundleWorker(context.project, "worker-entry.mjs"));
    try {
      const response = await worker.dispatchFetch(
        `http://worker.test/?${checksQuery(context, this.name)}`,
      );
      return parseResults(await response.text(), "workerd");
    } finally {
      await worker.dispose();
    }
  },
};
