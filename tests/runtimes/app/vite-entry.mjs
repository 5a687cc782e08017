// Built by Vite: `?url` gives the emitted .wasm's URL.
import wasm from "@pgbeam/policies-engine/libpg-query.wasm?url";
import { runChecks } from "./checks.mjs";

const query = new URLSearchParams(location.search);
globalThis.results = runChecks({ baseUrl: query.get("base"), project: query.get("project"), wasm });
