// Vercel's edge runtime (`edge-runtime`): the app bundled by esbuild for the `edge-light`
// condition, the compiled parser handed in as a global, as Next.js does for `.wasm?module`.
import { join } from "node:path";
import { EdgeRuntime } from "edge-runtime";
import { build } from "esbuild";
import { checksQuery } from "./context.js";
import { parseResults } from "./results.js";
import type { Runtime } from "./runtime.js";

/** One script of `app/<entry>` and everything it imports, as an edge function is deployed. */
export async function bundleForEdge(project: string, entry: string): Promise<string> {
  const bundle = await build({
    entryPoints: [join(project, "app", entry)],
    absWorkingDir: project,
    bundle: true,
    format: "iife",
    platform: "browser",
    conditions: ["edge-light", "worker"],
    write: false,
    logLevel: "silent",
  });
  return bundle.outputFiles[0]?.text ?? "";
}

/** A fresh edge runtime evaluating `code`, with the parser's module as `PARSER_WASM`. */
export function startEdgeRuntime(code: string, parser: WebAssembly.Module): EdgeRuntime {
  return new EdgeRuntime({
    initialCode: code,
    extend: (context) => Object.assign(context, { PARSER_WASM: parser }),
  });
}

/** edge-runtime, evaluating one esbuild bundle of `app/edge-entry.mjs`. */
export const edgeRuntime: Runtime = {
  name: "edge-runtime",
  unavailable: undefined,
  async run(context) {
    const code = await bundleForEdge(context.project, "edge-entry.mjs");
    const runtime = startEdgeRuntime(code, new WebAssembly.Module(context.wasmBytes));
    const response = await runtime.dispatchFetch(
      `http://edge.test/?${checksQuery(context, this.name)}`,
    );
    return parseResults(await response.text(), "edge-runtime");
  },
};
