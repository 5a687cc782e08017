// Approval rules as code (policies/approval-rules/NAME.yaml): the real bin against the emulator's bin.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runBin, useMockBin } from "./bin-env.js";
import { workspace } from "./helpers.js";

const seeded = "prj_rulesSeeded";
const pulled = "prj_rulesPulled";
const saved = "prj_rulesSaved";
const fresh = "prj_rulesFresh";

const { bin, baseUrl } = useMockBin({
  projects: { [seeded]: [{ name: "agents", approval_mode: "off" }] },
  approval_rules: {
    [seeded]: [
      { name: "bulk-deletes", statement_kinds: ["delete"], min_affected_rows: 100, enabled: false },
      { name: "legacy" },
    ],
    [pulled]: [
      {
        name: "payments",
        statement_kinds: ["update", "delete"],
        schema_name: "billing",
        relation_name: "payments",
      },
    ],
    [saved]: [{ name: "ddl", statement_kinds: ["ddl"] }],
  },
});

const configFor = (project: string) => ({
  "pgbeam-policies.config.json": JSON.stringify({ project }),
});
/** A workspace whose policies folder also holds `rules`, as approval-rules/NAME.yaml files. */
function withRules(files: Record<string, string>, rules: Record<string, string> = {}): string {
  const cwd = workspace(files);
  mkdirSync(join(cwd, "policies/approval-rules"));
  for (const [name, text] of Object.entries(rules))
    writeFileSync(join(cwd, "policies/approval-rules", `${name}.yaml`), text);
  return cwd;
}
const ids = (text: string) => text.replace(/apl_[A-Za-z0-9]+/g, "apl_…");

/** The project's rules through the emulator's HTTP API, as another team member's tool would see them. */
async function rulesOf(project: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${baseUrl()}/v1/projects/${project}/approval-rules?page_size=100`, {
    headers: { authorization: "Bearer pgb_bin" },
  });
  return ((await response.json()) as { approval_rules: Record<string, unknown>[] }).approval_rules;
}

describe("approval-rule files offline", () => {
  test("validate checks each rule file against ApprovalRuleInput, with positions", async () => {
    const cwd = withRules({
      "agents.yaml": "approval_mode: writes\n",
    });
    writeFileSync(
      join(cwd, "policies/approval-rules/bulk.yaml"),
      "statement_kinds: [delete, select]\nmin_affected_rows: 0\nenable: false\n",
    );
    const bad = await runBin(cwd, ["validate"], { PATH: process.env.PATH ?? "" });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(
      'policies/approval-rules/bulk.yaml:3:1  enable is not an ApprovalRuleInput field. Did you mean "enabled"?',
    );
    expect(bad.stdout).toMatch(/bulk\.yaml:1:\d+ {2}.*statement_kinds/);
    expect(bad.stdout).toMatch(/bulk\.yaml:2:\d+ {2}.*min_affected_rows/);
    writeFileSync(
      join(cwd, "policies/approval-rules/bulk.yaml"),
      "statement_kinds: [delete]\nmin_affected_rows: 100\nenabled: false\n",
    );
    const good = await runBin(cwd, ["validate"], { PATH: process.env.PATH ?? "" });
    expect(good).toMatchObject({ code: 0, stdout: "1 profile and 1 approval rule valid.\n" });
  });

  test("lint reads the profiles, so a rule approval_mode already holds is found", async () => {
    const cwd = withRules({
      "agents.yaml": "access_mode: read_write\napproval_mode: writes\n",
    });
    writeFileSync(
      join(cwd, "policies/approval-rules/payments.yaml"),
      "statement_kinds: [update]\nrelation_name: payments\n",
    );
    const { stdout } = await runBin(cwd, ["lint", "--format", "json"], {
      PATH: process.env.PATH ?? "",
    });
    const codes = JSON.parse(stdout).findings.map((f: { code: string; file: string }) => [
      f.file,
      f.code,
    ]);
    expect(codes).toContainEqual([
      "policies/approval-rules/payments.yaml",
      "approval-rule-held-by-approval-mode",
    ]);
    expect(codes).toContainEqual([
      "policies/approval-rules/payments.yaml",
      "approval-rule-relation-every-schema",
    ]);
  });

  test("fmt puts a rule's fields in the spec's order and keeps comments", async () => {
    const cwd = withRules({ "agents.yaml": "approval_mode: off\n" });
    const path = join(cwd, "policies/approval-rules/ddl.yaml");
    writeFileSync(path, "enabled: true # on\nstatement_kinds: [ddl]\n");
    const check = await runBin(cwd, ["fmt", "--check"], { PATH: process.env.PATH ?? "" });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("policies/approval-rules/ddl.yaml is not formatted:");
    const written = await runBin(cwd, ["fmt"], { PATH: process.env.PATH ?? "" });
    expect(written.code).toBe(0);
    expect(readFileSync(path, "utf8")).toBe("statement_kinds: [ ddl ]\nenabled: true # on\n");
  });
});

describe("approval rules against the emulator", () => {
  test("plan shows rule changes (golden); apply sends full rules; a second plan is clean", async () => {
    const cwd = withRules({
      ...configFor(seeded),
      "agents.yaml": "approval_mode: off\n",
    });
    // Still disabled, a lower threshold: the PUT must carry enabled: false, or it re-enables it.
    writeFileSync(
      join(cwd, "policies/approval-rules/bulk-deletes.yaml"),
      "statement_kinds: [delete]\nmin_affected_rows: 50\nenabled: false\n",
    );
    writeFileSync(
      join(cwd, "policies/approval-rules/billing-ddl.yaml"),
      "statement_kinds: [ddl]\nschema_name: billing\n",
    );
    const plain = await bin(cwd, ["plan"]);
    const pruned = await bin(cwd, ["plan", "--prune", "--detailed-exitcode"]);
    expect(pruned.code).toBe(2);
    await expect(
      `$ pgbeam-policies plan\n${ids(plain.stdout)}\n$ pgbeam-policies plan --prune\n${ids(pruned.stdout)}`,
    ).toMatchFileSnapshot("golden/approval-rules-plan.txt");
    const applied = await bin(cwd, ["apply", "--prune", "--yes"]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Applied 3 approval-rule changes.");
    const rules = await rulesOf(seeded);
    expect(rules.map((r) => r.name).sort()).toEqual(["billing-ddl", "bulk-deletes"]);
    expect(rules.find((r) => r.name === "bulk-deletes")).toMatchObject({
      enabled: false,
      min_affected_rows: 50,
    });
    const again = await bin(cwd, ["plan", "--prune", "--detailed-exitcode"]);
    expect(again).toMatchObject({ code: 0, stdout: "No changes: the files match the project.\n" });
  });

  test("pull writes one file per rule, and never over a local change without --force", async () => {
    const cwd = workspace(configFor(pulled));
    const first = await bin(cwd, ["pull"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("+ policies/approval-rules/payments.yaml");
    const path = join(cwd, "policies/approval-rules/payments.yaml");
    expect(readFileSync(path, "utf8")).toBe(
      [
        "statement_kinds:",
        "  - update",
        "  - delete",
        "schema_name: billing",
        "relation_name: payments",
        "min_affected_rows: null",
        "enabled: true",
        "",
      ].join("\n"),
    );
    writeFileSync(path, readFileSync(path, "utf8").replace("enabled: true", "enabled: false"));
    const refused = await bin(cwd, ["pull"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("    enabled: false (file) → true (project)");
    expect(readFileSync(path, "utf8")).toContain("enabled: false");
    const forced = await bin(cwd, ["pull", "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(path, "utf8")).toContain("enabled: true");
  });

  test("a saved plan covers rules: refused when a rule changed since, or when edited", async () => {
    const cwd = withRules({ ...configFor(saved) });
    writeFileSync(
      join(cwd, "policies/approval-rules/ddl.yaml"),
      "statement_kinds: [ddl]\nenabled: false\n",
    );
    const planned = await bin(cwd, ["plan", "--out", "reviewed.plan"]);
    expect(planned.code).toBe(0);
    const planPath = join(cwd, "reviewed.plan");
    const text = readFileSync(planPath, "utf8");
    expect(JSON.parse(text).approval_rules.changes).toMatchObject([
      { action: "update", name: "ddl", input: { enabled: false } },
    ]);
    writeFileSync(join(cwd, "edited.plan"), text.replace('"enabled": false', '"enabled": true'));
    const edited = await bin(cwd, ["apply", "edited.plan", "--yes"]);
    expect(edited.code).not.toBe(0);
    expect(edited.stderr).toContain("its digest does not match its content");
    // Someone else changes the rule after the plan was reviewed.
    const [rule] = await rulesOf(saved);
    await fetch(`${baseUrl()}/v1/projects/${saved}/approval-rules/${rule?.id}`, {
      method: "PUT",
      headers: { authorization: "Bearer pgb_bin", "content-type": "application/json" },
      body: JSON.stringify({ name: "ddl", statement_kinds: ["ddl", "delete"] }),
    });
    const stale = await bin(cwd, ["apply", "reviewed.plan", "--yes"]);
    expect(stale.code).not.toBe(0);
    expect(stale.stdout).toContain("approval rule ddl (apl_");
    expect((await rulesOf(saved))[0]).toMatchObject({ statement_kinds: ["ddl", "delete"] });
  });

  test("apply creates a rule; a workspace without rule files lists it as unmanaged and makes no folder", async () => {
    const cwd = withRules({ ...configFor(fresh) });
    writeFileSync(join(cwd, "policies/approval-rules/deletes.yaml"), "statement_kinds: [delete]\n");
    expect((await bin(cwd, ["apply", "--yes"])).code).toBe(0);
    expect(await rulesOf(fresh)).toHaveLength(1);
    const empty = workspace(configFor(fresh));
    const pruning = await bin(empty, ["plan"]);
    expect(pruning.stdout).toContain("1 remote approval rule has no file: deletes.");
    expect(existsSync(join(empty, "policies/approval-rules"))).toBe(false);
  });
});
