// How the matrix decides that a runtime cannot run here: the reason it prints in the skipped
// test's name.
import { expect, test } from "vitest";
import { binaryIn } from "./matrix/binaries.js";

test("a runtime package that is not installed is missing, with the reason", () => {
  const binary = binaryIn("@pgbeam/no-such-runtime", "bin/none");
  expect(binary).toEqual({
    missing:
      process.platform === "linux" && process.arch === "x64"
        ? "@pgbeam/no-such-runtime is not installed (pnpm install in tests/runtimes)"
        : `@pgbeam/no-such-runtime ships for linux-x64 and this machine is ${process.platform}-${process.arch}`,
  });
});

test("an installed runtime package without the binary is missing, naming the file", () => {
  expect(binaryIn("vite", "bin/no-such-binary")).toEqual({
    missing: expect.stringMatching(/vite has no bin\/no-such-binary|ships for linux-x64/),
  });
});

const bun = binaryIn("@oven/bun-linux-x64", "bin/bun");

test.skipIf("missing" in bun)(
  `an installed binary comes with its package's version${"missing" in bun ? ` (skipped: ${bun.missing})` : ""}`,
  () => {
    expect(bun).toEqual({ path: expect.stringMatching(/bin\/bun$/), version: "1.4.5" });
  },
);
