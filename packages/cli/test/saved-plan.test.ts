// plan -out FILE / apply FILE: exactly what was reviewed, and never over a later edit.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createPolicyClient } from "@pgbeam/policies-client";
import { describe, expect, test } from "vitest";
import { planDigest } from "../src/profiles/saved-plan.js";
import { cli, workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env, storedNames, stored } = useMock();

describe("saved plans", () => {
  test("apply FILE carries out the reviewed plan, not the files as they are now", async () => {
    mock.seed(project, [{ name: "support", max_rows: 10 }, { name: "legacy" }]);
    const cwd = workspace({ ...config, "support.yaml": "max_rows: 20\n", "new.yaml": "" });
    const planned = await cli(cwd, ["plan", "--prune", "-out", "reviewed.plan"], { env: env() });
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain("Saved the plan to reviewed.plan");
    writeFileSync(join(cwd, "policies/support.yaml"), "max_rows: 99\n");
    const applied = await cli(cwd, ["apply", "reviewed.plan", "--yes"], { env: env() });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Applied 3 changes.");
    expect(stored("support")?.max_rows).toBe(20);
    expect(storedNames()).toEqual(["new", "support"]);
  });

  test("a profile changed after the plan makes it stale: refused, nothing applied", async () => {
    mock.seed(project, [
      { name: "support", max_rows: 10 },
      { name: "billing", max_rows: 1 },
    ]);
    const cwd = workspace({
      ...config,
      "support.yaml": "max_rows: 20\n",
      "billing.yaml": "max_rows: 2\n",
    });
    await cli(cwd, ["plan", "--out", "reviewed.plan"], { env: env() });
    const someoneElse = createPolicyClient({
      apiKey: "pgb_cli",
      baseUrl: env().PGBEAM_BASE_URL as string,
    });
    const billing = stored("billing");
    await someoneElse.policies.updatePolicyProfile(project, billing?.id as string, {
      name: "billing",
      max_rows: 7,
    });
    const applied = await cli(cwd, ["apply", "reviewed.plan", "--yes"], { env: env() });
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain(`✗ billing (${billing?.id}) was changed after the plan`);
    expect(applied.stderr).toContain(
      "The saved plan is stale (1 profile changed since it was made): nothing applied; run plan again.",
    );
    expect(stored("billing")?.max_rows).toBe(7);
    expect(stored("support")?.max_rows).toBe(10);
  });

  test("a file that is not a plan, or a plan for another project, is a usage error", async () => {
    const cwd = workspace({ ...config, "support.yaml": "" });
    writeFileSync(join(cwd, "nonsense.plan"), "{}");
    const nonsense = await cli(cwd, ["apply", "nonsense.plan", "--yes"], { env: env() });
    expect(nonsense).toMatchObject({ code: 1 });
    expect(nonsense.stderr).toContain("PLAN_FILE nonsense.plan: it is not a pgbeam-policies plan");
    await cli(cwd, ["plan", "--out", "reviewed.plan"], { env: env() });
    const saved = JSON.parse(readFileSync(join(cwd, "reviewed.plan"), "utf8"));
    expect(saved.project).toBe(project);
    saved.changes[0].input.max_rows = -5;
    writeFileSync(join(cwd, "edited.plan"), JSON.stringify(saved));
    const edited = await cli(cwd, ["apply", "edited.plan", "--yes"], { env: env() });
    expect(edited.stderr).toContain(
      "PLAN_FILE edited.plan: it was changed after plan wrote it (its digest does not match its content)",
    );
    saved.digest = planDigest(saved);
    writeFileSync(join(cwd, "edited.plan"), JSON.stringify(saved));
    const resealed = await cli(cwd, ["apply", "edited.plan", "--yes"], { env: env() });
    expect(resealed.stderr).toContain(
      "PLAN_FILE edited.plan: change 0: its profile is invalid: max_rows must be at least 0",
    );
    const other = await cli(cwd, ["apply", "reviewed.plan", "--project", "prj_other", "--yes"], {
      env: env(),
    });
    expect(other.stderr).toContain(`--project prj_other: the plan was made for ${project}.`);
    const nowhere = await cli(cwd, ["plan", "--out", "no/such/folder.plan"], { env: env() });
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain("Cannot write folder.plan: the folder");
    const pruned = await cli(cwd, ["apply", "reviewed.plan", "--prune"], { env: env() });
    expect(pruned.stderr).toContain("--prune: a saved plan already says what it deletes");
  });
});
