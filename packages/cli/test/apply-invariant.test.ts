// After any apply that exits 0, plan is clean: through the real bin against the emulator's bin.
import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createPolicyClient } from "@pgbeam/policies-client";
import { describe, expect, test } from "vitest";
import { binApiKey, useMockBin } from "./bin-env.js";
import { workspace } from "./helpers.js";

/** A project of its own per test: the emulator's bin keeps its state across them. */
const projects = {
  idempotent: "prj_idem1",
  rename: "prj_rename1",
  console: "prj_console1",
  bound: "prj_bound1",
  saved: "prj_saved1",
};

const { bin, baseUrl } = useMockBin({
  projects: {
    [projects.bound]: [{ name: "legacy" }, { name: "support" }],
    [projects.saved]: [{ name: "support", access_mode: "read_only", max_rows: 500 }],
  },
  attachments: { [projects.bound]: { legacy: ["agt_legacy"] } },
});

/** A client standing for someone editing in the console at the same time. */
const console_ = () => createPolicyClient({ apiKey: binApiKey, baseUrl: baseUrl() });

const configFor = (project: string) => ({
  "pgbeam-policies.config.json": JSON.stringify({ project }),
});

/** Exit 0 from apply, then a plan that finds nothing to do. */
async function applyThenClean(cwd: string, argv: string[] = []) {
  const applied = await bin(cwd, ["apply", "--yes", ...argv]);
  expect(applied.stderr).toBe("");
  expect(applied.code).toBe(0);
  const plan = await bin(cwd, ["plan", "--detailed-exitcode", ...argv]);
  expect(plan.stdout).toContain("No changes: the files match the project.");
  expect(plan.code).toBe(0);
  return applied;
}

describe("a clean plan after every apply that exits 0", () => {
  test("create, delete, create again with the same content: the profile exists", async () => {
    const cwd = workspace({
      ...configFor(projects.idempotent),
      "x.yaml": "access_mode: read_only\n",
    });
    expect((await applyThenClean(cwd)).stdout).toContain("✓ create x");
    renameSync(join(cwd, "policies/x.yaml"), join(cwd, "x.yaml"));
    expect((await applyThenClean(cwd, ["--prune"])).stdout).toContain("✓ delete x");
    renameSync(join(cwd, "x.yaml"), join(cwd, "policies/x.yaml"));
    const again = await applyThenClean(cwd);
    expect(again.stdout).toContain("✓ create x");
    const listed = await console_().policies.listPolicyProfiles(projects.idempotent);
    expect(listed.policies.map((p) => p.name)).toEqual(["x"]);
  });

  test("a rename is a create and a delete, and leaves a clean plan", async () => {
    const cwd = workspace({ ...configFor(projects.rename), "old.yaml": "max_rows: 5\n" });
    await applyThenClean(cwd);
    renameSync(join(cwd, "policies/old.yaml"), join(cwd, "policies/new.yaml"));
    const renamed = await applyThenClean(cwd, ["--prune"]);
    expect(renamed.stdout).toContain("✓ create new");
    expect(renamed.stdout).toContain("✓ delete old");
  });

  test("edits in the console between applies are put right by the next apply", async () => {
    const project = projects.console;
    const cwd = workspace({
      ...configFor(project),
      "a.yaml": "max_rows: 1\n",
      "b.yaml": "max_rows: 2\n",
    });
    await applyThenClean(cwd);
    const someone = console_();
    const [a, b] = (await someone.policies.listPolicyProfiles(project)).policies;
    await someone.policies.deletePolicyProfile(project, a?.id as string);
    await someone.policies.updatePolicyProfile(project, b?.id as string, {
      name: "b",
      max_rows: 9,
    });
    await someone.policies.createPolicyProfile(project, { name: "c" });
    const fixed = await applyThenClean(cwd, ["--prune"]);
    expect(fixed.stdout).toContain("✓ create a");
    expect(fixed.stdout).toContain("✓ update b");
    expect(fixed.stdout).toContain("✓ delete c");
    // The console deletes a profile again while its file stays: the next apply creates it anew.
    const again = (await someone.policies.listPolicyProfiles(project)).policies.find(
      (p) => p.name === "a",
    );
    await someone.policies.deletePolicyProfile(project, again?.id as string);
    expect((await applyThenClean(cwd)).stdout).toContain("✓ create a");
  });

  test("a saved plan applied again after its profile was deleted is not reported as created", async () => {
    const cwd = workspace({ ...configFor(projects.idempotent), "y.yaml": "max_rows: 3\n" });
    expect((await bin(cwd, ["plan", "-out", "y.plan"])).code).toBe(0);
    expect((await bin(cwd, ["apply", "y.plan", "--yes"])).code).toBe(0);
    const someone = console_();
    const y = (await someone.policies.listPolicyProfiles(projects.idempotent)).policies.find(
      (p) => p.name === "y",
    );
    await someone.policies.deletePolicyProfile(projects.idempotent, y?.id as string);
    // The same plan, so the same key: the API answers with the first create's replay.
    const replayed = await bin(cwd, ["apply", "y.plan", "--yes"]);
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).not.toContain("Applied 1 change.");
    expect(replayed.stdout).toContain("✗ y does not exist, although its create was answered 201");
    expect(replayed.stdout).toContain("run plan to see what is left");
    await applyThenClean(cwd);
  });

  test("a delete the API would refuse (bound credentials) is warned in plan and stops apply before any write", async () => {
    const cwd = workspace({ ...configFor(projects.bound), "new.yaml": "" });
    const plan = await bin(cwd, ["plan", "--prune"]);
    expect(plan.stdout).toContain(
      "warning: 1 credential is bound to legacy, so the API will refuse to delete it (409)",
    );
    const applied = await bin(cwd, ["apply", "--prune", "--yes"]);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain(
      "Nothing applied: the API would refuse to delete legacy while credentials are bound to it.",
    );
    const names = (await console_().policies.listPolicyProfiles(projects.bound)).policies
      .map((p) => p.name)
      .sort();
    expect(names).toEqual(["legacy", "support"]);
    unlinkSync(join(cwd, "policies/new.yaml"));
    writeFileSync(join(cwd, "policies/legacy.yaml"), "");
    writeFileSync(join(cwd, "policies/support.yaml"), "");
    await applyThenClean(cwd, ["--prune"]);
  });
});

describe("a saved plan applies exactly what it shows", () => {
  const edited = (cwd: string, edit: (plan: Record<string, unknown>) => void) => {
    const plan = JSON.parse(readFileSync(join(cwd, "reviewed.plan"), "utf8"));
    edit(plan);
    writeFileSync(join(cwd, "edited.plan"), JSON.stringify(plan, null, 2));
  };
  const stored = async () =>
    (await console_().policies.listPolicyProfiles(projects.saved)).policies.find(
      (p) => p.name === "support",
    );

  test("an edited plan file, or one from another version or project, is refused; the reviewed one applies", async () => {
    const cwd = workspace({ ...configFor(projects.saved), "support.yaml": "max_rows: 100\n" });
    const planned = await bin(cwd, ["plan", "-out", "reviewed.plan"]);
    expect(planned.stdout).toContain("max_rows: 500 → 100");
    edited(cwd, (plan) => {
      const [change] = plan.changes as { input: Record<string, unknown> }[];
      if (change) change.input.access_mode = "read_write";
    });
    const tampered = await bin(cwd, ["apply", "edited.plan", "--yes"]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toBe(
      "pgbeam-policies: PLAN_FILE edited.plan: it was changed after plan wrote it (its digest does not match its content), so it is not the plan that was reviewed: nothing applied; make the plan again.\n",
    );
    edited(cwd, (plan) => {
      plan.cli_version = "0.0.1-other";
    });
    const otherVersion = await bin(cwd, ["apply", "edited.plan", "--yes"]);
    expect(otherVersion.stderr).toContain(
      "PLAN_FILE edited.plan: it was written by pgbeam-policies 0.0.1-other and this is",
    );
    edited(cwd, (plan) => {
      plan.project = "prj_other";
    });
    expect((await bin(cwd, ["apply", "edited.plan", "--yes"])).stderr).toContain(
      "its digest does not match its content",
    );
    const otherProject = await bin(cwd, ["apply", "reviewed.plan", "--project", "prj_other"]);
    expect(otherProject.stderr).toContain(
      `--project prj_other: the plan was made for ${projects.saved}.`,
    );
    expect((await stored())?.access_mode).toBe("read_only");
    expect((await stored())?.max_rows).toBe(500);
    const applied = await bin(cwd, ["apply", "reviewed.plan", "--yes"]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("max_rows: 500 → 100");
    expect((await stored())?.max_rows).toBe(100);
    expect((await stored())?.access_mode).toBe("read_only");
  });
});
