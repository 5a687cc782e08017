// replay, plan --replay-from and recommend --traffic through the real bin, offline, on an export
// the emulator wrote.
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { createPolicyMock } from "@pgbeam/policies-mock";
import type { PolicyReplayResult } from "@pgbeam/policies-types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cli as inProcess, workspace } from "./helpers.js";

const execute = promisify(execFile);
const here = join(import.meta.dirname, "..");
const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
const bin = join(here, Object.values(manifest.bin as Record<string, string>)[0] as string);
const project = "prj_offline";
const support = { name: "support", access_mode: "read_only", table_denylist: ["customers"] };

let cwd = "";
let online: PolicyReplayResult;

/** Runs the bin in the workspace with no API key; resolves to its exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [bin, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  const mock = createPolicyMock({ now: () => new Date("2026-11-03T00:00:00Z") });
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 0, minute)).toISOString();
  mock.record(project, [
    ...Array.from({ length: 12 }, (_, i) => ({
      sql: `SELECT * FROM tickets WHERE id = ${i}`,
      credential_id: "agt_a",
      rows_returned: i,
      ts: at(i),
    })),
    { sql: "UPDATE tickets SET status = 'x' WHERE id = 3", credential_id: "agt_a", ts: at(20) },
    { sql: "SELECT email FROM customers", credential_id: "agt_b", event: "masked", ts: at(21) },
    { sql: "SELECT * FROM secrets", event: "blocked", decision_rule: "table_denied", ts: at(22) },
  ]);
  online = await (
    await mock.fetch(`https://api.pgbeam.com/v1/projects/${project}/policy-replays`, {
      method: "POST",
      headers: { authorization: "Bearer pgb_test", "content-type": "application/json" },
      body: JSON.stringify({ policy: support }),
    })
  ).json();
  const exported = await mock.exportTraffic(project);
  cwd = workspace({
    "support.yaml": "name: support\naccess_mode: read_only\ntable_denylist: [customers]\n",
    "writer.yaml": "name: writer\naccess_mode: read_write\n",
  });
  writeFileSync(join(cwd, "audit.jsonl"), exported);
  const lines = exported.trimEnd().split("\n");
  lines.splice(3, 0, "{cut off", JSON.stringify({ event: "query", ts: at(5) }));
  writeFileSync(join(cwd, "broken.jsonl.gz"), gzipSync(`${lines.join("\n")}\n`));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe("offline replay through the bin", () => {
  test("replay --json is the emulator's replayPolicy answer on the same traffic", async () => {
    const { code, stdout, stderr } = await cli(
      "replay",
      "--traffic",
      "audit.jsonl",
      "--profile",
      "support",
      "--json",
    );
    expect([code, stderr]).toEqual([0, ""]);
    expect(JSON.parse(stdout)).toEqual(online);
  });

  test("text names what would newly be blocked; --fail-on-newly-blocked exits 1", async () => {
    const { code, stdout } = await cli(
      "replay",
      "--traffic",
      "audit.jsonl",
      "--policy",
      "policies/support.yaml",
      "--fail-on-newly-blocked",
    );
    expect(code).toBe(1);
    expect(stdout).toContain(
      "~ replay  support: 4 recorded queries from audit.jsonl; 2 newly blocked",
    );
    expect(stdout).toContain("newly blocked ×1  SELECT email FROM customers  (table_denied");
    expect(stdout).toContain("--fail-on-newly-blocked: support would block 2 recorded queries");
  });

  test("malformed lines of a gzip export are reported with their line numbers, not fatal", async () => {
    const text = await cli("replay", "--traffic", "broken.jsonl.gz", "--profile", "writer");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("skipped 2 entries (invalid_json 1, no_sql 1):");
    expect(text.stdout).toMatch(/line 4: invalid_json: .*\n.*line 5: no_sql/);
    const json = await cli(
      "replay",
      "--traffic",
      "broken.jsonl.gz",
      "--profile",
      "writer",
      "--json",
    );
    expect(JSON.parse(json.stdout).summary.skipped_unparseable).toBe(2);
    expect(json.stderr).toContain("line 4: invalid_json");
  });

  test("--format markdown is a pull-request comment", async () => {
    const { code, stdout } = await cli(
      "replay",
      "--traffic",
      "audit.jsonl",
      "--profile",
      "support",
      "--format",
      "markdown",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("### Policy replay: `support`");
    expect(stdout).toContain("**2 recorded queries would now be blocked.**");
    expect(stdout).toContain("| 1 | `SELECT email FROM customers` | masked | table_denied:");
  });

  test("plan --replay-from replays every profile without an API key", async () => {
    const { code, stdout } = await cli(
      "plan",
      "--replay-from",
      "audit.jsonl",
      "--fail-on-newly-blocked",
    );
    expect(code).toBe(1);
    expect(stdout).toContain(
      "Offline plan: 2 profiles replayed against audit.jsonl (no API call).",
    );
    expect(stdout).toContain(
      "~ replay  writer: 4 recorded queries from audit.jsonl; 0 newly blocked, 1 newly allowed",
    );
    const json = await cli("plan", "--replay-from", "audit.jsonl", "--json");
    expect(JSON.parse(json.stdout).replays.map((r: { name: string }) => r.name)).toEqual([
      "support",
      "writer",
    ]);
  });

  test("recommend --traffic --credential writes a candidate that blocks nothing it ran", async () => {
    const { code, stdout } = await cli(
      "recommend",
      "--traffic",
      "audit.jsonl",
      "--credential",
      "agt_a",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("+ policies/agt_a-recommended.yaml");
    const written = readFileSync(join(cwd, "policies/agt_a-recommended.yaml"), "utf8");
    expect(written).toContain("# Recommended offline for agt_a");
    expect(written).toMatch(/table_allowlist:\n {2}- tickets/);
    expect(stdout).toContain("0 newly blocked");
  });

  test("on a terminal, progress goes to stderr and is cleared; off one, nothing", async () => {
    const shown = await inProcess(
      cwd,
      ["replay", "--traffic", "audit.jsonl", "--profile", "support"],
      {
        isTTY: true,
      },
    );
    expect(shown.code).toBe(0);
    expect(shown.stderr).toMatch(/judging \d+ of 4 distinct queries/);
    expect(shown.stderr.endsWith("\r\u001b[2K")).toBe(true);
    const quiet = await inProcess(cwd, [
      "replay",
      "--traffic",
      "audit.jsonl",
      "--profile",
      "support",
    ]);
    expect(quiet.stderr).toBe("");
  });

  test("usage errors say which flag is wrong", async () => {
    const missing = await cli("replay", "--traffic", "nope.jsonl", "--profile", "support");
    expect([missing.code, missing.stderr]).toEqual([
      1,
      "pgbeam-policies: --traffic: no file at nope.jsonl.\n",
    ]);
    const both = await cli(
      "replay",
      "--traffic",
      "audit.jsonl",
      "--profile",
      "support",
      "--policy",
      "x.yaml",
    );
    expect(both.stderr).toContain("--policy FILE (a profile file) or --profile NAME");
    const format = await cli(
      "replay",
      "--traffic",
      "audit.jsonl",
      "--profile",
      "support",
      "--format",
      "html",
    );
    expect(format.stderr).toContain("--format: expected one of text, json, markdown, got html.");
  });
});
