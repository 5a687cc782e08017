// Built by Vite or webpack with no option for the engine: each emits the .wasm it finds in the
// engine's `new URL("…", import.meta.url)`, and createEngine() fetches it from there.
import { createEngine } from "@pgbeam/policies-engine";

globalThis.results = createEngine().then(
  (engine) => engine.evaluate("SELECT email FROM customers", { name: "zero-config" }).verdict,
  (error) => `${error.name}: ${error.message}`,
);
