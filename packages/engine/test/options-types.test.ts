// Under exactOptionalPropertyTypes (this repo's tsconfig), every option accepts `undefined`, as the
// client's do: `createEngine({ wasm: maybeUndefined })` type-checks and behaves as no option.
import { describe, expectTypeOf, test } from "vitest";
import { createEngine, type EngineOptions } from "../src/index.js";

describe("EngineOptions", () => {
  test("wasm accepts undefined", () => {
    expectTypeOf<undefined>().toExtend<EngineOptions["wasm"]>();
    expectTypeOf<{ wasm: Uint8Array | undefined }>().toExtend<EngineOptions>();
  });

  test("createEngine({ wasm: undefined }) loads the packaged parser", async () => {
    const engine = await createEngine({ wasm: undefined });
    expectTypeOf(engine.evaluate).toBeFunction();
  });
});
