// Golden outputs: what users read in a terminal or a CI log, kept in test/golden/*.txt.
import { describe, expect, test } from "vitest";
import { commandLine } from "../src/text/command-line.js";
import { cli, workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env } = useMock();
const ids = (text: string) => text.replace(/pol_[A-Za-z0-9]+/g, "pol_…");

const files = {
  "pgbeam-policies.config.json": JSON.stringify({ project }),
  "analytics.yaml": "access_mode: read_only\ntable_allowlist: [public.orders]\n",
  "support.yaml": [
    "access_mode: read_write",
    "table_allowlist: [public.tickets]",
    "max_affected_rows: 10",
    "write_mode: rollback",
    "",
  ].join("\n"),
};

describe("golden outputs", () => {
  test("plan, with and without --prune", async () => {
    mock.seed(project, [
      { name: "support", access_mode: "read_write", table_allowlist: ["public.tickets"] },
      { name: "legacy" },
    ]);
    const cwd = workspace(files);
    const plain = await cli(cwd, ["plan"], { env: env() });
    const pruned = await cli(cwd, ["plan", "--prune"], { env: env() });
    await expect(
      `$ ${commandLine("plan")}\n${ids(plain.stdout)}\n$ ${commandLine("plan --prune")}\n${ids(pruned.stdout)}`,
    ).toMatchFileSnapshot("golden/plan.txt");
  });

  test("plan --replay", async () => {
    const [support] = mock.seed(project, [
      { name: "support", access_mode: "read_write", table_allowlist: ["public.tickets"] },
    ]);
    mock.attach(project, support?.id as string, "cred_support");
    mock.record(project, [
      { sql: "DELETE FROM public.tickets WHERE id = 7", credential_id: "cred_support" },
      {
        sql: "UPDATE public.tickets SET status = 'closed' WHERE id = 7",
        credential_id: "cred_support",
      },
      { sql: "SELECT id FROM public.tickets", credential_id: "cred_support" },
    ]);
    const cwd = workspace({
      "pgbeam-policies.config.json": JSON.stringify({ project }),
      "support.yaml": "access_mode: read_only\ntable_allowlist: [public.tickets]\n",
    });
    const run = await cli(cwd, ["plan", "--replay", "--fail-on-newly-blocked"], { env: env() });
    await expect(
      `$ ${commandLine("plan --replay --fail-on-newly-blocked")}\n${ids(run.stdout)}[exit ${run.code}]\n`,
    ).toMatchFileSnapshot("golden/plan-replay.txt");
  });

  test("errors", async () => {
    const cwd = workspace({ "bad.yaml": "acess_mode: read_only\nmax_rows: -1\n" });
    const runs: string[][] = [
      ["validate"],
      ["plan"],
      ["plan", "--project", "prj 1"],
      ["lint", "--format", "xml"],
      ["eval", "SELECT 1", "--policy", "nope"],
      ["apply", "missing.plan"],
      ["validate", "--dir", "nowhere"],
    ];
    let transcript = "";
    for (const argv of runs) {
      const { code, stdout, stderr } = await cli(cwd, argv, { env: { PGBEAM_API_KEY: "pgb_x" } });
      transcript += `$ ${commandLine(argv.join(" "))}\n${stdout}${stderr.replaceAll(cwd, "<cwd>")}[exit ${code}]\n\n`;
    }
    const api = { ...config, "support.yaml": "max_rows: 1\n" };
    const online = workspace(api);
    const wrongKey = { ...env(), PGBEAM_API_KEY: "pgb_wrong_key" };
    const denied = await cli(online, ["plan"], { env: wrongKey });
    expect(denied.stderr).not.toContain("pgb_wrong_key");
    transcript += `$ PGBEAM_API_KEY=pgb_wrong_key ${commandLine("plan")}\n${denied.stderr.replace(/req_[\w-]+/g, "req_…")}[exit ${denied.code}]\n`;
    await expect(transcript).toMatchFileSnapshot("golden/errors.txt");
  });
});
