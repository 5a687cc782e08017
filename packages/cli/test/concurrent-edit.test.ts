// apply never overwrites a profile someone changed after the plan.
import { createPolicyClient } from "@pgbeam/policies-client";
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env, stored } = useMock();

describe("apply under If-Match", () => {
  test("plan records each update's ETag; an edit while apply waits is refused with a real 412", async () => {
    mock.seed(project, [{ name: "billing", max_rows: 1 }]);
    const cwd = workspace({ ...config, "billing.yaml": "max_rows: 2\n" });
    const planned = JSON.parse(
      (await cli(cwd, ["plan", "--json", "--no-replay"], { env: env() })).stdout,
    );
    expect(planned.changes[0].etag).toMatch(/^(W\/)?"/);
    const someoneElse = createPolicyClient({
      apiKey: "pgb_cli",
      baseUrl: env().PGBEAM_BASE_URL as string,
    });
    const editMeanwhile = async () => {
      const billing = stored("billing");
      await someoneElse.policies.updatePolicyProfile(project, billing?.id as string, {
        name: "billing",
        max_rows: 7,
      });
      return true;
    };
    const run = await cli(cwd, ["apply"], { env: env(), answer: editMeanwhile });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("✗ update billing refused: billing changed after the plan (412)");
    expect(stored("billing")?.max_rows).toBe(7);
  });

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
