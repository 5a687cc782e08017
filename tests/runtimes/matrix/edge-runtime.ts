// Vercel's edge runtime (`edge-runtime`): the app bundled by esbuild for the `edge-light`
// condition, the compiled parser handed in as a global, as Next.js does for `.wasm?module`.
import { join } from "node:path";
import { EdgeRuntime } from "edge-runtime";
import { build } from "esbuild";
import { checksQuery } from "./context.js";
import { parseResults } from "./results.js";
import type { Runtime } from "./runtime.js";

/** edge-runtime, evaluating one esbuild bundle of `app/edge-entry.mjs`. */
export const edgeRuntime: Runtime = {
  name: "edge-runtime",
  unavailable: undefined,
  async run(context) {
    const { project, wasmBytes } = context;
    const bundle = await build({
      entryPoints: [join(project, "app", "edge-entry.mjs")],
      absWorkingDir: project,
      bundle: true,
      format: "iife",
      platform: "browser",
      conditions: ["edge-light", "worker"],
      write: false,
      logLevel: "silent",
    });
    const parser = new WebAssembly.Module(wasmBytes);
    const runtime = new EdgeRuntime({
      initialCode: bundle.outputFiles[0]?.text ?? "",
      extend: (context) => Object.assign(context, { PARSER_WASM: parser }),
    });
    const response = await runtime.dispatchFetch(
      `http://edge.test/?${checksQuery(context, this.name)}`,
    );
    return parseResults(await response.text(), "edge-runtime");
  },
};
