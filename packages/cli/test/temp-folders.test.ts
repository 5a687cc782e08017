// Tests clean up: every workspace is made inside the run's own folder (global-temp-folder.ts),
// which fails the run when anything is left in it after the last test file.
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, test } from "vitest";
import { workspace } from "./helpers.js";

describe("temporary folders", () => {
  test("a workspace is made inside the run's folder, which the run checks is empty at the end", () => {
    const made = workspace({ "a.yaml": "" });
    expect(existsSync(made)).toBe(true);
    expect(process.env.PGBEAM_CLI_TEST_TMP).toBeDefined();
    expect(dirname(made)).toBe(process.env.PGBEAM_CLI_TEST_TMP);
  });
});
