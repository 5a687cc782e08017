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

/** workerd, with the worker Wrangler bundles from `app/worker-entry.mjs`. */
export const workerdRuntime: Runtime = {
  name: "workerd (wrangler)",
  unavailable: undefined,
  async run(context) {
    const { project } = context;
    const outdir = join(project, "dist", "wrangler");
    writeFileSync(
      join(project, "wrangler.json"),
      JSON.stringify({
        name: "pgbeam-runtime-matrix",
        main: "app/worker-entry.mjs",
        compatibility_date: compatibilityDate,
      }),
    );
    await runProcess(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", outdir], {
      cwd: project,
      env: { WRANGLER_SEND_METRICS: "false", CI: "1", HOME: project },
    });
    const script = readdirSync(outdir).find((file) => file.endsWith(".js"));
    if (script === undefined) throw new Error(`wrangler wrote no script into ${outdir}`);
    const worker = new Miniflare({
      modules: true,
      scriptPath: join(outdir, script),
      modulesRoot: outdir,
      modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
      compatibilityDate,
      cf: false,
    });
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
