// Uses the package as published: the built ESM and CJS entry points from dist/.
import { createRequire } from "node:module";
import { expect, test } from "vitest";

type Entry = typeof import("../src/index.js");

async function exercise(entry: Entry): Promise<void> {
  const engine = await entry.createEngine();
  expect(engine.evaluate("DELETE FROM t WHERE id = 1", { name: "dist" }).rule).toBe("read_only");
  expect((await entry.relationsOf("SELECT * FROM a JOIN b USING (id)")).map((r) => r.key)).toEqual([
    "a",
    "b",
  ]);
}

test("import() of dist/index.js", async () => {
  await exercise((await import("../dist/index.js" as string)) as Entry);
});

test("require() of dist/index.cjs", async () => {
  await exercise(createRequire(import.meta.url)("../dist/index.cjs") as Entry);
});
