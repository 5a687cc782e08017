// Importing the engine loads nothing: the parser's WebAssembly is compiled by the first
// createEngine() and never again.
import { expect, test, vi } from "vitest";

test("nothing is compiled at import; the first createEngine() compiles once, later ones share it", async () => {
  const instantiate = vi.spyOn(WebAssembly, "instantiate");
  const entry = (await import("../dist/index.js" as string)) as typeof import("../src/index.js");
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(instantiate).not.toHaveBeenCalled();
  const [first, second] = await Promise.all([entry.createEngine(), entry.createEngine()]);
  expect(first).toBe(second);
  await entry.createEngine();
  expect(instantiate).toHaveBeenCalledTimes(1);
  instantiate.mockRestore();
});
