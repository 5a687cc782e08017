// The bin: seed files in the AuditLogEntry shape, seed errors that say where, and --log lines.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "pgbeam-mock-bin-"));

function seedFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

/** Starts the bin on a free port with `args`; resolves once it listens. Kill the child after. */
async function serve(args: string[]) {
  const child = spawn(process.execPath, [bin, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const found = /http:\/\/\S+/.exec(chunk.toString());
      if (found) resolve(found[0]);
    });
    child.once("exit", (code) => reject(new Error(`the bin exited with ${code}`)));
  });
  return { child, url };
}

/** What the bin says on stderr when it refuses the seed file. */
async function refusal(file: string): Promise<string> {
  const failed = await promisify(execFile)(process.execPath, [bin, "--seed", file]).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => e,
  );
  expect(failed.code).toBe(2);
  return failed.stderr;
}

test("a seed error names the list, the project and the index", async () => {
  const file = seedFile("bad.json", {
    projects: { prj_1: [{ name: "ok" }] },
    traffic: { prj_1: [{ sql: "SELECT 1" }, { sql: "SELECT 2", ts: "last tuesday" }] },
  });
  const failed = await promisify(execFile)(process.execPath, [bin, "--seed", file]).catch(
    (e: { code: number; stderr: string }) => e,
  );
  expect(failed).toMatchObject({
    code: 2,
    stderr: `pgbeam-policies-mock: the seed file ${file} is invalid: traffic.prj_1[1]: ts must be an RFC 3339 date-time (got "last tuesday").\n`,
  });
  const badProfile = seedFile("bad-profile.json", {
    projects: { prj_2: [{ name: "a" }, { name: "b", access_mode: "readonly" }] },
  });
  const refused = await promisify(execFile)(process.execPath, [bin, "--seed", badProfile]).catch(
    (e: { stderr: string }) => e,
  );
  expect((refused as { stderr: string }).stderr).toContain(
    "is invalid: projects.prj_2[1]: access_mode must be one of",
  );
});

test("--log writes one line per request (method, path, status, ms, request id) and never the key", async () => {
  const file = seedFile("audit.json", {
    projects: { prj_1: [{ name: "seeded" }] },
    traffic: {
      prj_1: [
        {
          id: "aud_1",
          sql: "SELECT 1",
          ts: new Date().toISOString(),
          event: "query",
          credential_id: "agt_1",
          region: "eu-west-1",
        },
      ],
    },
  });
  const { child, url } = await serve(["--seed", file, "--log", "--api-key", "pgb_secret_key"]);
  try {
    const logged = new Promise<string>((resolve) => {
      child.stderr.on("data", (chunk: Buffer) => resolve(chunk.toString()));
    });
    const response = await fetch(`${url}/v1/projects/prj_1/policies`, {
      headers: { authorization: "Bearer pgb_secret_key" },
    });
    expect(response.status).toBe(200);
    const line = await logged;
    expect(line).toMatch(
      /^GET \/v1\/projects\/prj_1\/policies 200 \d+\.\dms req_[0-9A-Za-z]{16}\n$/,
    );
    expect(line).toContain(response.headers.get("x-request-id") as string);
    expect(line).not.toContain("pgb_secret_key");
  } finally {
    child.kill("SIGTERM");
  }
});

test("attachments bind credentials to seeded profiles by name: deleting one answers 409", async () => {
  const file = seedFile("attached.json", {
    projects: { prj_1: [{ name: "support" }, { name: "spare" }] },
    attachments: { prj_1: { support: ["agt_support", "agt_backup"] } },
  });
  const { child, url } = await serve(["--seed", file, "--api-key", "pgb_k"]);
  try {
    const headers = { authorization: "Bearer pgb_k" };
    const listed = await fetch(`${url}/v1/projects/prj_1/policies`, { headers });
    const { policies } = (await listed.json()) as { policies: { id: string; name: string }[] };
    const status = async (name: string) => {
      const id = policies.find((profile) => profile.name === name)?.id as string;
      const deleted = await fetch(`${url}/v1/projects/prj_1/policies/${id}`, {
        method: "DELETE",
        headers,
      });
      return deleted.status;
    };
    expect(await status("support")).toBe(409);
    expect(await status("spare")).toBe(204);
  } finally {
    child.kill("SIGTERM");
  }
});

test("an attachment error names the project, the profile and the index", async () => {
  const seed = (attachments: unknown) =>
    seedFile("bad-attachment.json", { projects: { prj_1: [{ name: "support" }] }, attachments });
  const prefix = "pgbeam-policies-mock: the seed file ";
  expect(await refusal(seed({ prj_1: { suport: ["agt_1"] } }))).toContain(
    'is invalid: attachments.prj_1.suport: project prj_1 has no profile named "suport" (seed it under projects.prj_1).\n',
  );
  expect(await refusal(seed({ prj_1: { support: ["agt_1", 7] } }))).toContain(
    "is invalid: attachments.prj_1.support[1]: a credential id must be a non-empty string (got 7).\n",
  );
  expect(await refusal(seed({ prj_1: { support: "agt_1" } }))).toContain(
    'is invalid: attachments.prj_1.support must be a list of credential ids (got "agt_1").\n',
  );
  expect(await refusal(seed({ prj_1: ["agt_1"] }))).toMatch(
    new RegExp(`^${prefix}.* is invalid: attachments\\.prj_1 must be an object of profile names`),
  );
});

test("approval_rules and self_host_enrollment seed the rules and the enrollment's 409", async () => {
  const file = seedFile("rules.json", {
    approval_rules: {
      prj_1: [{ name: "big deletes", statement_kinds: ["delete"], enabled: false }],
    },
    self_host_enrollment: { expires_at: null, revoked_at: null },
  });
  const { child, url } = await serve(["--seed", file, "--api-key", "pgb_k"]);
  try {
    const headers = { authorization: "Bearer pgb_k", "content-type": "application/json" };
    const listed = await fetch(`${url}/v1/projects/prj_1/approval-rules`, { headers });
    expect(await listed.json()).toMatchObject({
      approval_rules: [{ name: "big deletes", enabled: false }],
    });
    const created = await fetch(`${url}/v1/projects/prj_1/approval-rules`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "ddl" }),
    });
    expect(created.status).toBe(409);
    expect(await created.json()).toMatchObject({ code: "INVALID_STATE" });
  } finally {
    child.kill("SIGTERM");
  }
});

test("a bad approval rule or enrollment in the seed file says where and what", async () => {
  const rule = seedFile("bad-rule.json", {
    approval_rules: { prj_1: [{ name: "ok" }, { name: "x", min_affected_rows: 0 }] },
  });
  expect(await refusal(rule)).toContain("is invalid: approval_rules.prj_1[1]: min_affected_rows");
  const enrollment = seedFile("bad-enrollment.json", { self_host_enrollment: { expires_at: 5 } });
  expect(await refusal(enrollment)).toContain(
    'is invalid: self_host_enrollment must be an object whose "expires_at" and "revoked_at" are RFC 3339 date-times or null (got {"expires_at":5}).',
  );
});
