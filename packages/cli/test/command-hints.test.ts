// Every next step the CLI tells users to run is one a shell can run: npx @pgbeam/policies-cli …
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env } = useMock();
/** A line that starts the bare bin, which is on no PATH outside npm scripts. */
const bareBin = /(^|[\s$:(&])pgbeam-policies [a-z]/m;

describe("hints", () => {
  test("init's next step and its test file's comment run through npx", async () => {
    const cwd = workspace({});
    const { stdout } = await cli(cwd, ["init", "--dir", "fresh"]);
    expect(stdout).toContain(
      "Next: npx @pgbeam/policies-cli validate && npx @pgbeam/policies-cli test;",
    );
    const tests = readFileSync(join(cwd, "fresh/support.test.yaml"), "utf8");
    expect(tests).toContain("npx @pgbeam/policies-cli test");
    expect(`${stdout}${tests}`).not.toMatch(bareBin);
  });

  test("plan -out names the apply that carries it out", async () => {
    const cwd = workspace({ ...config, "support.yaml": "max_rows: 5\n" });
    const { code, stdout } = await cli(cwd, ["plan", "-out", "reviewed.plan"], { env: env() });
    expect(code).toBe(0);
    expect(stdout).toContain(
      "Saved the plan to reviewed.plan: npx @pgbeam/policies-cli apply reviewed.plan carries out exactly this.",
    );
    expect(mock.profiles(project)).toEqual([]);
  });
});
