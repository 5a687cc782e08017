// Uses the package as published: the built ESM and CJS entry points from dist/.
import { createRequire } from "node:module";
import { expect, test } from "vitest";

type Entry = typeof import("../src/index.js");

function exercise(entry: Entry): void {
  expect(entry.validatePolicyProfileInput({ name: "ok" }).ok).toBe(true);
  const bad = entry.validatePolicyProfile({ created_at: "never" });
  expect(bad.ok).toBe(false);
  expect(entry.lintPolicyProfile({ name: "n" }).summary.warning).toBe(1);
}

test("import() of dist/index.js", async () => {
  exercise((await import("../dist/index.js" as string)) as Entry);
});

test("require() of dist/index.cjs", () => {
  exercise(createRequire(import.meta.url)("../dist/index.cjs") as Entry);
});
