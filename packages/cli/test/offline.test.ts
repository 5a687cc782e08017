// validate, lint, test, eval and fmt: everything that runs without the API.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";

const support = `# Support agents: read tickets, never see raw emails.
access_mode: read_only
masking_rules:
  - kind: redact # the address itself is never shown
    table: public.customers
    column: email
table_allowlist: [public.tickets, public.customers]
budget_queries_per_hour: 600
max_rows: 500
`;

describe("validate", () => {
  test("each problem is file:line:col  message, at the offending key or value", async () => {
    const cwd = workspace({
      "bad.yaml":
        "access_mode: readonly\nmasking_rules:\n  - table: users\n    column: email\n    kind: blur\nacces_mode: x\n",
      "support.yaml": support,
    });
    const { code, stdout } = await cli(cwd, ["validate"]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'policies/bad.yaml:1:1  access_mode must be one of "read_only", "read_write" (got "readonly")',
    );
    expect(stdout).toContain(
      'policies/bad.yaml:5:5  masking_rules[0].kind must be one of "redact", "null", "hash" (got "blur")',
    );
    expect(stdout).toContain("policies/bad.yaml:6:1  acces_mode is not a PolicyProfileInput field");
    expect(stdout).not.toContain("support.yaml");
  });

  test("a YAML syntax error, a name that is not the file's, and a JSON file", async () => {
    const cwd = workspace({
      "broken.yaml": "access_mode: [read_only\n",
      "named.yaml": "name: other\n",
      "fine.json": '{ "access_mode": "read_write", "table_allowlist": ["orders"] }\n',
    });
    const { code, stdout } = await cli(cwd, ["validate"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/policies\/broken\.yaml:\d+:\d+ {2}/);
    expect(stdout).toContain('policies/named.yaml:1:1  name is "other" but the file is named');
    expect(stdout).not.toContain("fine.json");
  });

  test("all valid: exit 0", async () => {
    expect((await cli(workspace({ "support.yaml": support }), ["validate"])).code).toBe(0);
  });
});

describe("lint", () => {
  const risky = "access_mode: read_write\n";

  test("text findings with positions; --max-severity decides the exit code", async () => {
    const cwd = workspace({ "risky.yaml": risky });
    const text = await cli(cwd, ["lint"]);
    expect(text.stdout).toContain("policies/risky.yaml:1:1");
    expect(text.stdout).toContain("warning read-write-without-allowlist");
    expect(text.code).toBe(0);
    expect((await cli(cwd, ["lint", "--max-severity", "info"])).code).toBe(1);
  });

  test("SARIF 2.1.0 for code scanning", async () => {
    const { stdout } = await cli(workspace({ "risky.yaml": risky }), ["lint", "--format", "sarif"]);
    const log = JSON.parse(stdout);
    expect(log.version).toBe("2.1.0");
    const result = log.runs[0].results.find(
      (r: { ruleId: string }) => r.ruleId === "read-write-without-allowlist",
    );
    expect(result).toMatchObject({
      level: "warning",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "policies/risky.yaml" },
            region: { startLine: 1, startColumn: 1 },
          },
        },
      ],
    });
    expect(log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toContain(
      "read-write-without-allowlist",
    );
  });
});

describe("test and eval", () => {
  const tests = `- sql: SELECT email FROM public.customers
  expect: { verdict: mask, masked_columns: ["email:redact"] }
- sql: DELETE FROM public.tickets WHERE id = 1
  expect: { verdict: block, rule: read_only }
- sql: SELECT * FROM public.secrets
  expect: { verdict: allow }
`;

  test("a line per case, the diff of a failure, a summary, exit 1", async () => {
    const { code, stdout } = await cli(
      workspace({ "support.yaml": support, "support.test.yaml": tests }),
      ["test"],
    );
    expect(code).toBe(1);
    expect(stdout).toContain("✓ support › SELECT email FROM public.customers");
    expect(stdout).toContain("✗ support › SELECT * FROM public.secrets");
    expect(stdout).toContain('verdict: expected "allow", got "block"');
    expect(stdout).toContain("2 passed, 1 failed");
  });

  test("--json", async () => {
    const { stdout } = await cli(
      workspace({ "support.yaml": support, "support.test.yaml": tests }),
      ["test", "--json"],
    );
    expect(JSON.parse(stdout)).toMatchObject({ passed: 2, failed: 1 });
  });

  test("eval prints the full verdict", async () => {
    const cwd = workspace({ "support.yaml": support });
    const { code, stdout } = await cli(cwd, [
      "eval",
      "SELECT email AS e FROM public.customers",
      "--policy",
      "support",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("mask (ok)");
    expect(stdout).toContain("masked: e (redact)");
    const json = await cli(cwd, [
      "eval",
      "DROP TABLE public.tickets",
      "--policy",
      "support",
      "--json",
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({ verdict: "block", rule: "destructive_ddl" });
    const missing = await cli(cwd, ["eval", "SELECT 1", "--policy", "nope"]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: "pgbeam-policies: --policy nope: no such profile in policies.\n",
    });
  });
});

describe("fmt", () => {
  test("canonical order, comments kept; --check lists what would change", async () => {
    const cwd = workspace({ "support.yaml": support });
    const check = await cli(cwd, ["fmt", "--check"]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("policies/support.yaml is not formatted:\n");
    expect(check.stdout).toContain("+ table_allowlist: [ public.tickets, public.customers ]");
    expect(check.stdout).toContain("- table_allowlist: [public.tickets, public.customers]");
    expect((await cli(cwd, ["fmt"])).code).toBe(0);
    const text = readFileSync(join(cwd, "policies/support.yaml"), "utf8");
    expect(text.indexOf("access_mode")).toBeLessThan(text.indexOf("table_allowlist"));
    expect(text.indexOf("table_allowlist")).toBeLessThan(text.indexOf("masking_rules"));
    expect(text).toContain("# Support agents: read tickets, never see raw emails.");
    expect(text).toContain("# the address itself is never shown");
    expect(text.indexOf("table: public.customers")).toBeLessThan(text.indexOf("kind: redact"));
    expect((await cli(cwd, ["fmt", "--check"])).code).toBe(0);
  });
});

describe("usage", () => {
  test("--help on every command shows an example and the global options; unknown commands exit 1", async () => {
    const cwd = workspace({});
    const commands = [
      "init",
      "validate",
      "lint",
      "test",
      "eval",
      "fmt",
      "pull",
      "plan",
      "apply",
      "recommend",
    ];
    for (const command of commands) {
      const help = await cli(cwd, [command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("Example:");
      // the bare bin is on no PATH outside npm scripts: every example runs through npx
      expect(help.stdout).toMatch(new RegExp(`\\$ npx @pgbeam/policies-cli ${command}\\b`));
      expect(help.stdout).not.toMatch(/(^|[\s$])pgbeam-policies [a-z]/m);
      for (const flag of ["--dir", "--project", "--base-url", "--allow-insecure-http"])
        expect(help.stdout).toContain(flag);
      expect(help.stdout).toContain("Exit codes:");
    }
    const unknown = await cli(cwd, ["frobnicate"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  test("colours only on a terminal, and never with NO_COLOR", async () => {
    const cwd = workspace({ "support.yaml": support });
    const ansi = "\u001b[";
    expect((await cli(cwd, ["validate"], { isTTY: true })).stdout).toContain(ansi);
    expect(
      (await cli(cwd, ["validate"], { isTTY: true, env: { NO_COLOR: "1" } })).stdout,
    ).not.toContain(ansi);
    expect((await cli(cwd, ["validate"], { isTTY: false })).stdout).not.toContain(ansi);
  });

  test("a missing folder is one line and exit 1; --debug adds the stack", async () => {
    const cwd = workspace({});
    const plain = await cli(cwd, ["validate", "--dir", "nowhere"]);
    expect(plain).toMatchObject({
      code: 1,
      stderr:
        "pgbeam-policies: No policies folder at nowhere: pass --dir, or create it with an example profile: npx @pgbeam/policies-cli init --dir nowhere\n",
    });
    const fresh = workspace({});
    rmSync(join(fresh, "policies"), { recursive: true });
    expect((await cli(fresh, ["lint"])).stderr).toMatch(/: npx @pgbeam\/policies-cli init\n$/);
    const spaced = await cli(cwd, ["test", "--dir", "my policies"]);
    expect(spaced.stderr).toMatch(/: npx @pgbeam\/policies-cli init --dir 'my policies'\n$/);
    const debug = await cli(cwd, ["--debug", "validate", "--dir", "nowhere"]);
    expect(debug.stderr).toContain("at ");
  });
});
