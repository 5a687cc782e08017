// `pnpm bench` on a machine without Chromium (or any runtime): a row that says why, and the
// suites after it still run.
import { join } from "node:path";
import { chromiumBinary } from "@pgbeam/runtime-tests/matrix";
import { expect, test } from "vitest";
import { format } from "../format-rows.js";
import { rowsOrSkipped } from "../skipped-rows.js";

const group = "Chromium (esbuild bundle, a new page to the program's end)";

test("a Chromium path that does not exist is a skipped row naming it; nothing is measured", async () => {
  const missingPath = join(import.meta.dirname, "no-such-chromium");
  process.env.PGBEAM_CHROMIUM = missingPath;
  try {
    let measured = false;
    const rows = await rowsOrSkipped(group, chromiumBinary(), async () => {
      measured = true;
      return [];
    });
    expect(measured).toBe(false);
    expect(rows).toMatchObject([
      { group, name: "(skipped)", skipped: `no ${missingPath} (apt-get install chromium)` },
    ]);
    const table = format(rows);
    expect(table).toContain(`skipped: no ${missingPath} (apt-get install chromium)`);
    expect(table).not.toContain("NaN");
  } finally {
    delete process.env.PGBEAM_CHROMIUM;
  }
});

test("a runtime that fails while measured is a skipped row with the error, not a crash", async () => {
  const rows = await rowsOrSkipped("workerd", { path: "(npm package)" }, async () => {
    throw new Error("workerd exited with 1");
  });
  expect(rows).toMatchObject([{ skipped: "failed: workerd exited with 1" }]);
});
