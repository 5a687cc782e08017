// Built by esbuild (`loader: { ".wasm": "file" }`) or webpack (`type: "asset/resource"`): the
// import gives the emitted .wasm's URL.
import wasm from "@pgbeam/policies-engine/libpg-query.wasm";
import { runChecks } from "./checks.mjs";

const query = new URLSearchParams(location.search);
const checks = { baseUrl: query.get("base"), project: query.get("project") };
globalThis.results = runChecks({ ...checks, wasm: new URL(wasm, location.href) });
