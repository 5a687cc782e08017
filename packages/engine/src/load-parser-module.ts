import createParserModule from "libpg-query/wasm/libpg-query.js";
import { defaultWasm, defaultWasmOrigin } from "./default-wasm.js";
import type { ParserModule } from "./parser-module.js";
import { type ResolvedWasm, resolveWasmSource, type WasmSource } from "./wasm-source.js";

const howToPass =
  "Pass createEngine({ wasm }) the WebAssembly.Module, its bytes or its URL (the file ships as @pgbeam/policies-engine/libpg-query.wasm; the engine's README has a recipe per bundler).";

/** Instantiates libpg-query's WebAssembly from `source` (or this platform's default). */
export async function loadParserModule(source?: WasmSource): Promise<ParserModule> {
  const wasm = source === undefined ? undefined : resolveWasmSource(source);
  let where = wasm === undefined ? defaultWasmOrigin : describeSource(wasm);
  try {
    const resolved = wasm ?? (await defaultWasm());
    if (wasm === undefined && resolved.kind === "url") where += ` (${resolved.url})`;
    return await instantiateParser(resolved);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
    throw new Error(
      `createEngine: could not load the PostgreSQL parser's WebAssembly from ${where}: ${reason}. ${howToPass}`,
      { cause: error },
    );
  }
}

/** Runs the emscripten factory, handing it our instance; rejects when instantiating fails. */
async function instantiateParser(wasm: ResolvedWasm): Promise<ParserModule> {
  let failed: (error: unknown) => void = () => {};
  const failure = new Promise<never>((_, reject) => {
    failed = reject;
  });
  const module = createParserModule({
    instantiateWasm(
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance) => void,
    ) {
      instantiate(wasm, imports).then(receive, failed);
      return {};
    },
    print: () => {},
    printErr: () => {},
  });
  return (await Promise.race([module, failure])) as ParserModule;
}

async function instantiate(
  wasm: ResolvedWasm,
  imports: WebAssembly.Imports,
): Promise<WebAssembly.Instance> {
  if (wasm.kind === "module") return WebAssembly.instantiate(wasm.module, imports);
  if (wasm.kind === "bytes") return (await WebAssembly.instantiate(wasm.bytes, imports)).instance;
  const response = await fetch(wasm.url);
  if (!response.ok) throw new Error(`fetch answered ${response.status} ${response.statusText}`);
  if (response.headers.get("content-type")?.startsWith("application/wasm")) {
    return (await WebAssembly.instantiateStreaming(response, imports)).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}

function describeSource(wasm: ResolvedWasm): string {
  if (wasm.kind === "url") return wasm.url;
  return wasm.kind === "module"
    ? "the WebAssembly.Module passed as wasm"
    : "the bytes passed as wasm";
}
