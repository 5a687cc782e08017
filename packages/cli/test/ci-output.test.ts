// What a pipeline reads: JSON errors with the API's code and request id, a 500's request id in
// text, and the CLI's own timeout. The real bin against the emulator on loopback.
import { describe, expect, test } from "vitest";
import { runBin } from "./bin-env.js";
import { workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env } = useMock();

const bin = (cwd: string, argv: string[], extra: Record<string, string> = {}) =>
  runBin(cwd, argv, { PATH: process.env.PATH ?? "", ...env(), ...extra });

/** Every attempt of the next list fails as `fault` says (the client retries). */
const everyList = (fault: Parameters<typeof mock.faults.next>[1]) => {
  for (let attempt = 0; attempt < 5; attempt++) mock.faults.next("listPolicyProfiles", fault);
};

describe("errors a pipeline can branch on", () => {
  test("a 500 shows its request_id in text, and --json carries status, code and request_id", async () => {
    const cwd = workspace({ ...config, "support.yaml": "" });
    everyList({ status: 500 });
    const text = await bin(cwd, ["plan"]);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/^pgbeam-policies: 500 .*request_id req_[\w-]+/);
    everyList({ status: 500 });
    const json = await bin(cwd, ["plan", "--json"]);
    expect(json.code).toBe(1);
    expect(json.stderr).toBe("");
    const { error } = JSON.parse(json.stdout);
    expect(error).toMatchObject({ kind: "api", status: 500, code: "INTERNAL_ERROR" });
    expect(error.request_id).toMatch(/^req_/);
  });

  test("--json: invalid files and usage errors are JSON documents too", async () => {
    const cwd = workspace({ ...config, "bad.yaml": "max_rows: -1\n" });
    const invalid = await bin(cwd, ["plan", "--json"]);
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toEqual({
      error: {
        kind: "usage",
        message: "Fix the files first: plan compares only valid profiles.",
        problems: [
          {
            file: "policies/bad.yaml",
            line: 1,
            col: 1,
            message: "max_rows must be at least 0 (got -1)",
            rule: "schema",
          },
        ],
      },
    });
    const usage = await bin(cwd, ["plan", "--json"], { PGBEAM_TIMEOUT: "soon" });
    expect(JSON.parse(usage.stdout).error).toEqual({
      kind: "usage",
      message:
        'PGBEAM_TIMEOUT must be a number of seconds above 0 and at most 2147483 (got "soon").',
    });
  });

  test("a slow API fails within --timeout, in the CLI's words", async () => {
    const cwd = workspace({ ...config, "support.yaml": "" });
    everyList({ delayMs: 20_000 });
    const slow = await bin(cwd, ["plan", "--timeout", "1"]);
    expect(slow.code).toBe(1);
    expect(slow.stderr).toMatch(
      /^pgbeam-policies: The API at 127\.0\.0\.1:\d+ did not answer in time: each API call may take 1 s, retries included\. Raise it with --timeout SECONDS \(or PGBEAM_TIMEOUT\) if the API is slow, or check --base-url \(or PGBEAM_BASE_URL\)\.\n$/,
    );
    expect(slow.stderr).not.toContain("timeoutMs");
    mock.faults.clear();
    everyList({ delayMs: 20_000 });
    const json = await bin(cwd, ["plan", "--json"], { PGBEAM_TIMEOUT: "1" });
    expect(JSON.parse(json.stdout).error.kind).toBe("client");
  });
});

describe("plan --fail-on-newly-blocked in CI", () => {
  test("a profile with no bound credential passes, and the output says it passes vacuously", async () => {
    mock.seed(project, [{ name: "support", access_mode: "read_write" }]);
    const cwd = workspace({ ...config, "support.yaml": "access_mode: read_only\n" });
    const run = await bin(cwd, ["plan", "--replay", "--fail-on-newly-blocked"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("warning: no credential is bound to support");
    expect(run.stdout).toContain(
      "--fail-on-newly-blocked passes vacuously for support: no credential is bound to it, so no recorded traffic was replayed and nothing could be newly blocked.",
    );
  });
});
