// apply never overwrites a profile someone changed after the plan.
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env, stored } = useMock();

describe("apply under If-Match", () => {
  test("a 412 refuses the update, says which profile changed, and stops", async () => {
    mock.seed(project, [
      { name: "billing", max_rows: 1 },
      { name: "support", max_rows: 1 },
    ]);
    const cwd = workspace({
      ...config,
      "billing.yaml": "max_rows: 2\n",
      "support.yaml": "max_rows: 2\n",
    });
    mock.faults.next("updatePolicyProfile", { status: 412 });
    const run = await cli(cwd, ["apply", "--yes"], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "✗ update billing refused: billing changed after the plan (412), so nothing of it was overwritten. Run plan again.",
    );
    expect(run.stdout).toContain("Applied: nothing.");
    expect(run.stdout).toContain("Not applied: update billing, update support.");
    expect(stored("billing")?.max_rows).toBe(1);
    expect(stored("support")?.max_rows).toBe(1);
  });
});
