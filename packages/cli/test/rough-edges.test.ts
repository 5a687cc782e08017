// The rough edges a consumer trial found, one test each.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";

const support = "access_mode: read_only\ntable_allowlist: [public.tickets]\n";

describe("fmt", () => {
  test("a file that does not parse is reported with its position and exits 1", async () => {
    const cwd = workspace({ "broken.yaml": "access_mode: [read_only\n", "support.yaml": support });
    for (const argv of [["fmt"], ["fmt", "--check"]]) {
      const run = await cli(cwd, argv);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/policies\/broken\.yaml:\d+:\d+ {2}/);
      expect(run.stdout).toContain("1 file could not be read or formatted; left unchanged.");
    }
    expect(readFileSync(join(cwd, "policies/broken.yaml"), "utf8")).toBe(
      "access_mode: [read_only\n",
    );
  });
});

describe("test", () => {
  test("a mismatch shows the actual verdict, rule and reason", async () => {
    const cwd = workspace({
      "support.yaml": support,
      "support.test.yaml":
        "- sql: DELETE FROM public.tickets WHERE id = 1\n  expect: { verdict: allow }\n",
    });
    const run = await cli(cwd, ["test"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('verdict: expected "allow", got "block"');
    expect(run.stdout).toMatch(/ {4}actual: block \(read_only\): \S.+/);
  });

  test("expectations are checked: a misspelt verdict or field is an input error, not a failing case", async () => {
    const cwd = workspace({
      "support.yaml": support,
      "support.test.yaml": [
        "- sql: SELECT 1",
        "  expect: { verdict: alow }",
        "- sql: SELECT 1",
        "  expect: { verdict: allow, rul: ok }",
        "- sql: SELECT 1",
        '  expect: { verdict: mask, masked_columns: ["email:blur"] }',
        "",
      ].join("\n"),
    });
    const run = await cli(cwd, ["test"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'policies/support.test.yaml:2:13  expect.verdict: Verdict must be one of "allow", "block", "mask", "row-filter" (got "alow").',
    );
    expect(run.stdout).toContain('rul is not a test case field. Did you mean "rule"?');
    expect(run.stdout).toContain("masked_columns[0].kind: MaskingKind must be one of");
    expect(run.stdout).toContain("0 passed, 0 failed; 3 problems in the files.");
  });
});

describe("validate", () => {
  test("a misspelt field gets a did-you-mean, and problems come in line order", async () => {
    const cwd = workspace({
      "support.yaml": "max_rows: -1\naccess_mod: read_only\nwrite_mode: yolo\n",
    });
    const run = await cli(cwd, ["validate"]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toBe("policies/support.yaml:1:1  max_rows must be at least 0 (got -1)");
    expect(lines[1]).toContain(
      'policies/support.yaml:2:1  access_mod is not a PolicyProfileInput field. Did you mean "access_mode"?',
    );
    expect(lines[2]).toMatch(/^policies\/support\.yaml:3:1 {2}write_mode must be one of/);
    expect(lines[3]).toBe("3 problems.");
  });
});

describe("lint", () => {
  test("on invalid files it says so instead of '0 findings', and exits 1", async () => {
    const run = await cli(workspace({ "support.yaml": "access_mode: nope\n" }), ["lint"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "1 problem: lint reads only valid files, so fix it first (see validate); 0 findings in the valid ones.",
    );
  });
});

describe("plurals", () => {
  test("counts read as English, never (s)", async () => {
    const one = await cli(workspace({ "support.yaml": support }), ["validate"]);
    expect(one.stdout).toBe("1 profile valid.\n");
    const two = await cli(workspace({ "a.yaml": support, "b.yaml": support }), ["validate"]);
    expect(two.stdout).toBe("2 profiles valid.\n");
  });
});

describe("init", () => {
  test("scaffolds a config, a profile and its tests, which validate, lint, test and fmt cleanly", async () => {
    const cwd = workspace({});
    const run = await cli(cwd, ["init", "--project", "prj_8Kx2mQ4vLp"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, "pgbeam-policies.config.json"), "utf8"))).toEqual({
      project: "prj_8Kx2mQ4vLp",
      dir: "policies",
    });
    expect(existsSync(join(cwd, "policies/support.yaml"))).toBe(true);
    const lint = await cli(cwd, ["lint", "--max-severity", "info"]);
    expect(lint).toMatchObject({ code: 0, stdout: expect.not.stringContaining("warning") });
    for (const argv of [["validate"], ["test"], ["fmt", "--check"]])
      expect({ argv, code: (await cli(cwd, argv)).code }).toEqual({ argv, code: 0 });
    expect((await cli(cwd, ["test"])).stdout).toContain("3 passed, 0 failed");
    const again = await cli(cwd, ["init"]);
    expect(again.stdout).toContain("policies/support.yaml exists: left as it is");
    const bad = await cli(workspace({}), ["init", "--project", "prj/../x"]);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toContain("--project: project_id must match");
  });
});
