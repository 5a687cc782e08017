// plan compares by meaning, and says what it leaves alone.
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env } = useMock();

describe("plan", () => {
  test("reordered set-like lists and nested keys are no change; a real difference is", async () => {
    mock.seed(project, [
      {
        name: "support",
        table_allowlist: ["public.tickets", "public.customers"],
        table_denylist: ["secrets", "audit"],
        statement_rules: { deny: ["ddl", "copy"], allow: ["select", "insert"] },
        masking_rules: [{ kind: "redact", column: "email", table: "public.customers" }],
      },
    ]);
    const cwd = workspace({
      ...config,
      "support.yaml": [
        "statement_rules:",
        "  allow: [insert, select]",
        "  deny: [copy, ddl]",
        "table_denylist: [audit, secrets]",
        "table_allowlist: [public.customers, public.tickets]",
        "masking_rules:",
        "  - table: public.customers",
        "    column: email",
        "    kind: redact",
        "",
      ].join("\n"),
    });
    const same = await cli(cwd, ["plan", "--detailed-exitcode"], { env: env() });
    expect(same).toMatchObject({ code: 0, stdout: "No changes: the files match the project.\n" });
  });

  test("without --prune it names the remote profiles that have no file", async () => {
    mock.seed(project, [{ name: "legacy" }, { name: "old-bot" }, { name: "support" }]);
    const cwd = workspace({ ...config, "support.yaml": "" });
    const run = await cli(cwd, ["plan", "--detailed-exitcode"], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "No changes: the files match the project.\n2 remote profiles have no file: legacy, old-bot. plan --prune would delete them.\n",
    );
    const json = JSON.parse((await cli(cwd, ["plan", "--json"], { env: env() })).stdout);
    expect(json.unmanaged.map((p: { name: string }) => p.name)).toEqual(["legacy", "old-bot"]);
  });
});
