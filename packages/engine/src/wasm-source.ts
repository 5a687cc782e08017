/**
 * Where the PostgreSQL parser's WebAssembly comes from: the compiled `WebAssembly.Module` (what
 * Wrangler and workerd give for `import wasm from "…/libpg-query.wasm"`), its bytes, or its URL
 * (fetched with `fetch`).
 */
export type WasmSource = WebAssembly.Module | ArrayBuffer | ArrayBufferView | URL | string;

/** The ways the engine can be handed its WebAssembly, one per kind of source. */
export type ResolvedWasm =
  | { kind: "module"; module: WebAssembly.Module }
  | { kind: "bytes"; bytes: BufferSource }
  | { kind: "url"; url: string };

/**
 * Sorts a `wasm` option into module, bytes or URL; throws a `TypeError` naming what it got.
 * Checks by tag, not `instanceof`, so a module or buffer made in another realm (a VM context,
 * an iframe) is recognised.
 */
export function resolveWasmSource(source: unknown): ResolvedWasm {
  const tag = Object.prototype.toString.call(source);
  if (tag === "[object WebAssembly.Module]") {
    return { kind: "module", module: source as WebAssembly.Module };
  }
  if (tag === "[object ArrayBuffer]" || ArrayBuffer.isView(source)) {
    return { kind: "bytes", bytes: source as BufferSource };
  }
  if (typeof source === "string" && source !== "") return { kind: "url", url: source };
  if (tag === "[object URL]") return { kind: "url", url: String(source) };
  throw new TypeError(
    `createEngine: wasm must be a WebAssembly.Module, its bytes (ArrayBuffer or Uint8Array) or its URL (URL or non-empty string); got ${describe(source)}`,
  );
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return "an empty string";
  if (typeof value === "object") return `an object (${Object.prototype.toString.call(value)})`;
  return typeof value;
}
