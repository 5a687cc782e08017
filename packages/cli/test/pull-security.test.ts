// pull treats profile names from the server as hostile: every file lands inside the folder.
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env } = useMock();

const hostile = [
  "../../x",
  "/abs",
  "a/b",
  "..",
  ".",
  "nul\0byte",
  "new\nline",
  "é".repeat(128),
  "日".repeat(128),
  "\u001b[2J\u001b[31mFAKE\u001b[0m",
];

/** Every file under `dir`, recursively, relative to it. */
const everything = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

describe("pull with hostile names", () => {
  test("writes every profile inside the folder, and the files plan to nothing", async () => {
    mock.seed(
      project,
      hostile.map((name, i) => ({ name, max_rows: i })),
    );
    const cwd = workspace(config);
    const pulled = await cli(cwd, ["pull"], { env: env() });
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).not.toContain("\u001b");
    expect(everything(cwd)).toEqual(
      [
        "pgbeam-policies.config.json",
        "policies",
        ...readdirSync(join(cwd, "policies")).map((f) => join("policies", f)),
      ].sort(),
    );
    expect(readdirSync(join(cwd, "policies"))).toHaveLength(hostile.length);
    expect(readdirSync(join(cwd, "policies")).every((f) => f.endsWith(".yaml"))).toBe(true);
    expect(await cli(cwd, ["validate"])).toMatchObject({ code: 0 });
    const plan = await cli(cwd, ["plan", "--prune", "--detailed-exitcode"], { env: env() });
    expect(plan).toMatchObject({ code: 0, stdout: "No changes: the files match the project.\n" });
  });

  test("names that differ only by case are reported and neither is written", async () => {
    mock.seed(project, [{ name: "Support" }, { name: "support" }, { name: "billing" }]);
    const cwd = workspace(config);
    const pulled = await cli(cwd, ["pull"], { env: env() });
    expect(pulled.code).toBe(1);
    expect(pulled.stdout).toContain(
      '✗ "Support" and "support" would be the same file (support.yaml) on a case-insensitive file system: not written.',
    );
    expect(readdirSync(join(cwd, "policies"))).toEqual(["billing.yaml"]);
  });

  test("a symlinked target is refused and nothing is written through it", async () => {
    mock.seed(project, [{ name: "victim" }, { name: "other" }]);
    const cwd = workspace(config);
    writeFileSync(join(cwd, "outside.txt"), "keep me\n");
    symlinkSync(join(cwd, "outside.txt"), join(cwd, "policies/victim.yaml"));
    const pulled = await cli(cwd, ["pull", "--force"], { env: env() });
    expect(pulled.code).toBe(1);
    expect(pulled.stderr).toContain("Refusing to write victim.yaml: it is a symbolic link");
    expect(readFileSync(join(cwd, "outside.txt"), "utf8")).toBe("keep me\n");
    expect(existsSync(join(cwd, "policies/other.yaml"))).toBe(false);
  });

  test("a missing folder is created; no temporary file is left behind", async () => {
    mock.seed(project, [{ name: "support", max_rows: 5 }]);
    const cwd = workspace(config);
    const pulled = await cli(cwd, ["pull", "--dir", "new/policies"], { env: env() });
    expect(pulled).toMatchObject({ code: 0 });
    expect(readdirSync(join(cwd, "new/policies"))).toEqual(["support.yaml"]);
  });
});

describe("pull never clobbers local edits", () => {
  test("a file that differs is refused with its diff; --force overwrites; same meaning is kept", async () => {
    mock.seed(project, [
      { name: "support", max_rows: 5 },
      { name: "billing", max_rows: 1 },
    ]);
    const cwd = workspace({
      ...config,
      "support.yaml": "max_rows: 9 # raised for the migration\n",
      "billing.yaml": "# billing bot\nmax_rows: 1\n",
    });
    const refused = await cli(cwd, ["pull"], { env: env() });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("~ policies/support.yaml differs from the project's support:");
    expect(refused.stdout).toContain("    max_rows: 9 (file) → 5 (project)");
    expect(refused.stdout).toContain("Nothing written: 1 file would lose local changes.");
    expect(readFileSync(join(cwd, "policies/support.yaml"), "utf8")).toContain("max_rows: 9");

    const forced = await cli(cwd, ["pull", "--force"], { env: env() });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("~ policies/support.yaml");
    expect(forced.stdout).toContain("Wrote 1 profile to policies (1 unchanged).");
    const support = readFileSync(join(cwd, "policies/support.yaml"), "utf8");
    expect(support).toContain("max_rows: 5\n");
    expect(support).not.toContain("raised for the migration");
    expect(readFileSync(join(cwd, "policies/billing.yaml"), "utf8")).toContain("# billing bot");
  });
});
