// Exit codes as terraform's, and usage errors that name their flag.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";
import { config, useMock } from "./mock-env.js";

const { mock, env } = useMock();

describe("exit codes", () => {
  test("0 on success, help and version", async () => {
    const cwd = workspace({ "support.yaml": "max_rows: 1\n" });
    expect((await cli(cwd, ["validate"])).code).toBe(0);
    expect((await cli(cwd, ["--help"])).code).toBe(0);
    expect((await cli(cwd, ["--version"])).code).toBe(0);
  });

  test("1 on findings and on every usage error, which names what was wrong", async () => {
    const cwd = workspace({ "support.yaml": "max_rows: -1\n" });
    expect((await cli(cwd, ["validate"])).code).toBe(1);
    const cases: [string[], string][] = [
      [["frobnicate"], "unknown command 'frobnicate'"],
      [["validate", "--frob"], "unknown option '--frob'"],
      [["lint", "--format", "xml"], "option '--format <format>' argument 'xml' is invalid"],
      [["eval", "SELECT 1"], "required option '--policy <name>' not specified"],
      [["plan"], "No project: pass --project"],
      [["plan", "--project", "prj x/.."], "--project: project_id must match"],
      [["validate", "--dir", "nowhere"], "No policies folder at nowhere: pass --dir"],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(cwd, argv, { env: { PGBEAM_API_KEY: "pgb_cli" } });
      expect({ argv, code: run.code }).toEqual({ argv, code: 1 });
      expect(run.stderr).toContain(message);
    }
  });

  test("2 only for changes under plan --detailed-exitcode", async () => {
    const cwd = workspace({ ...config, "support.yaml": "max_rows: 1\n" });
    expect((await cli(cwd, ["plan"], { env: env() })).code).toBe(0);
    expect((await cli(cwd, ["plan", "--detailed-exitcode"], { env: env() })).code).toBe(2);
    expect((await cli(cwd, ["apply", "--yes"], { env: env() })).code).toBe(0);
    expect((await cli(cwd, ["plan", "--detailed-exitcode"], { env: env() })).code).toBe(0);
    mock.faults.next("listPolicyProfiles", { status: 403 });
    expect((await cli(cwd, ["plan", "--detailed-exitcode"], { env: env() })).code).toBe(1);
  });
});

describe("--base-url and --allow-insecure-http", () => {
  test("plain http to a host that is not loopback needs --allow-insecure-http", async () => {
    const cwd = workspace({ ...config, "support.yaml": "max_rows: 1\n" });
    // 0.0.0.0 reaches this machine, but is not a loopback name to the client.
    const port = new URL(env().PGBEAM_BASE_URL as string).port;
    const insecure = { PGBEAM_API_KEY: "pgb_cli" };
    const refused = await cli(cwd, ["plan", "--base-url", `http://0.0.0.0:${port}`], {
      env: insecure,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `--base-url http://0.0.0.0:${port} uses plain http to a host that is not loopback`,
    );
    expect(refused.stderr).toContain("pass --allow-insecure-http");
    expect(refused.stderr).not.toContain("pgb_cli");
    const allowed = await cli(
      cwd,
      ["plan", "--base-url", `http://0.0.0.0:${port}`, "--allow-insecure-http"],
      { env: insecure },
    );
    expect(allowed).toMatchObject({ code: 0 });
    const bad = await cli(cwd, ["plan", "--base-url", "not a url"], { env: insecure });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'pgbeam-policies: --base-url (or PGBEAM_BASE_URL) must be an absolute http(s) URL (got "not a url").\n',
    );
  });

  test("the client's refusals and answers name the CLI's settings, never its options or the key", async () => {
    const cwd = workspace({ ...config, "support.yaml": "max_rows: 1\n" });
    const withCredentials = await cli(
      cwd,
      ["plan", "--base-url", "http://user:pgb_in_url@127.0.0.1:1"],
      { env: { PGBEAM_API_KEY: "pgb_cli" } },
    );
    expect(withCredentials).toMatchObject({
      code: 1,
      stderr:
        "pgbeam-policies: --base-url (or PGBEAM_BASE_URL) must not carry credentials (user:password@): the CLI reads the API key only from PGBEAM_API_KEY.\n",
    });
    const badKey = await cli(cwd, ["plan"], { env: { ...env(), PGBEAM_API_KEY: "pgb_a\nb" } });
    expect(badKey.stderr).toMatch(/^pgbeam-policies: PGBEAM_API_KEY has a control character/);
    expect(badKey.stderr).not.toContain("pgb_a");

    const html = createServer((_request, response) => {
      response.writeHead(404, { "content-type": "text/html" });
      response.end("<html><title>Not Found</title></html>");
    });
    await new Promise<void>((resolve) => html.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = html.address() as AddressInfo;
      const notTheApi = await cli(cwd, ["plan", "--base-url", `http://127.0.0.1:${port}`], {
        env: { PGBEAM_API_KEY: "pgb_cli" },
      });
      expect(notTheApi.code).toBe(1);
      expect(notTheApi.stderr).toContain("404 Not Found (text/html, not a PgBeam problem document");
      expect(notTheApi.stderr).toMatch(
        /\) Is --base-url \(or PGBEAM_BASE_URL\) the Policies API's origin\?\n$/,
      );
      expect(notTheApi.stderr).not.toContain("baseUrl");
    } finally {
      await new Promise((resolve) => html.close(resolve));
    }
  });
});
