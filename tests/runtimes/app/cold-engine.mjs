// Cold start of the engine: import it, load the parser and evaluate one statement.
import { createEngine } from "@pgbeam/policies-engine";

export async function run(wasm) {
  const engine = await createEngine(wasm === undefined ? undefined : { wasm });
  engine.evaluate("SELECT 1", { name: "cold" });
}
