// pull, plan and apply against the stateful emulator on loopback.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";
import { project, useMock } from "./mock-env.js";

const { mock, env: mockEnv, storedNames } = useMock();

const files = {
  "pgbeam-policies.config.json": JSON.stringify({ project }),
  "analytics.yaml": "access_mode: read_only\ntable_allowlist: [public.orders]\n",
  "support.yaml":
    "access_mode: read_write\ntable_allowlist: [public.tickets]\nmax_affected_rows: 10\n",
};

describe("plan and apply", () => {
  test("plan lists creates, a field-level update and (with --prune) deletes", async () => {
    mock.seed(project, [
      {
        name: "support",
        access_mode: "read_write",
        table_allowlist: ["public.tickets"],
        max_affected_rows: 50,
      },
      { name: "legacy" },
    ]);
    const cwd = workspace(files);
    const { code, stdout } = await cli(cwd, ["plan", "--prune", "--detailed-exitcode"], {
      env: mockEnv(),
    });
    expect(code).toBe(2);
    expect(stdout).toContain("+ create  analytics");
    expect(stdout).toContain("~ update  support (pol_");
    expect(stdout).toContain("    max_affected_rows: 50 → 10");
    expect(stdout).toContain("- delete  legacy (pol_");
    expect(stdout).toContain("Plan: 1 to create, 1 to update, 1 to delete.");
    const json = await cli(cwd, ["plan", "--json"], { env: mockEnv() });
    expect(JSON.parse(json.stdout).changes.map((c: { action: string }) => c.action)).toEqual([
      "create",
      "update",
    ]);
  });

  test("apply --yes carries it out, and a second plan shows no changes", async () => {
    mock.seed(project, [{ name: "legacy" }]);
    const cwd = workspace(files);
    const applied = await cli(cwd, ["apply", "--prune", "--yes"], { env: mockEnv() });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Applied 3 changes.");
    expect(storedNames()).toEqual(["analytics", "support"]);
    const again = await cli(cwd, ["plan", "--prune", "--detailed-exitcode"], { env: mockEnv() });
    expect(again).toMatchObject({
      code: 0,
      stdout: "No changes: the files match the project.\n",
    });
  });

  test("apply asks first; without a terminal it needs --yes", async () => {
    const cwd = workspace(files);
    expect(await cli(cwd, ["apply"], { env: mockEnv() })).toMatchObject({
      code: 1,
      stderr: "pgbeam-policies: Not on a terminal: pass --yes to apply without asking.\n",
    });
    const declined = await cli(cwd, ["apply"], { env: mockEnv(), answer: false });
    expect(declined.stdout).toContain("Nothing applied.");
    expect(declined.code).toBe(1);
    expect(mock.profiles(project)).toEqual([]);
  });

  test("a retried create is stored once, and a failure stops the run saying what was applied", async () => {
    const cwd = workspace(files);
    mock.faults.next("createPolicyProfile", { when: "after", reset: true });
    expect((await cli(cwd, ["apply", "--yes"], { env: mockEnv() })).code).toBe(0);
    expect(storedNames()).toEqual(["analytics", "support"]);

    mock.reset();
    mock.faults.next("createPolicyProfile", {
      status: 403,
      code: "plan_limit_exceeded",
      message: "Your plan allows no more profiles.",
    });
    const failed = await cli(cwd, ["apply", "--yes"], { env: mockEnv() });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      "✗ create analytics failed: 403 Your plan allows no more profiles.",
    );
    expect(failed.stdout).toContain("Applied: nothing.");
    expect(failed.stdout).toContain("Not applied: create analytics, create support.");
  });

  test("credentials only from PGBEAM_API_KEY", async () => {
    const cwd = workspace(files);
    const { code, stderr } = await cli(cwd, ["plan"], {
      env: { PGBEAM_BASE_URL: mockEnv().PGBEAM_BASE_URL as string },
    });
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: "pgbeam-policies: No API key: set PGBEAM_API_KEY (it is never read from a flag).\n",
    });
  });
});

describe("pull", () => {
  test("writes the project's profiles as files that validate and plan to nothing", async () => {
    mock.seed(
      project,
      Array.from({ length: 120 }, (_, i) => ({ name: `agent-${i}`, max_rows: i })),
    );
    const cwd = workspace({ "pgbeam-policies.config.json": JSON.stringify({ project }) });
    expect((await cli(cwd, ["pull"], { env: mockEnv() })).stdout).toContain(
      "Wrote 120 profiles to policies.",
    );
    expect(readdirSync(join(cwd, "policies"))).toHaveLength(120);
    expect(readFileSync(join(cwd, "policies/agent-7.yaml"), "utf8")).toContain("max_rows: 7");
    expect((await cli(cwd, ["validate"])).code).toBe(0);
    expect(
      (await cli(cwd, ["plan", "--prune", "--detailed-exitcode"], { env: mockEnv() })).code,
    ).toBe(0);
    writeFileSync(join(cwd, "policies/agent-7.yaml"), "max_rows: 8\n");
    expect((await cli(cwd, ["plan", "--detailed-exitcode"], { env: mockEnv() })).stdout).toContain(
      "max_rows: 7 → 8",
    );
  });
});
