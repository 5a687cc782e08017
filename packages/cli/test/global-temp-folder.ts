// One temporary parent folder per test run: every test's folders go inside it (see helpers.ts),
// and the run fails if any is left behind when the last test file has ended.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The variable that tells the test workers where to make their folders. */
const variable = "PGBEAM_CLI_TEST_TMP";

/** Makes the run's parent folder; the returned teardown checks it is empty and removes it. */
export default function setup() {
  const parent = mkdtempSync(join(tmpdir(), "pgbeam-cli-run-"));
  process.env[variable] = parent;
  return () => {
    const left = readdirSync(parent);
    rmSync(parent, { recursive: true, force: true });
    if (left.length > 0)
      throw new Error(
        `The CLI's tests left ${left.length} temporary folder(s) behind (${left.slice(0, 3).join(", ")}…): every test must remove what it makes.`,
      );
  };
}
