#!/usr/bin/env node
// pgbeam-policies-mock: the emulator as a standalone HTTP server for any language's tests.
import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { createPolicyMock } from "./create-policy-mock-node.js";
import type { PolicyMock } from "./mock-core.js";
import type { SelfHostEnrollment } from "./self-host-enrollment.js";
import type { RequestLogEntry } from "./service.js";
import { MockSetupError } from "./setup-error.js";

const usage = `Usage: npx @pgbeam/policies-mock [--port 4010] [--host 127.0.0.1] [--seed FILE] [--api-key KEY] [--log]

Serves a stateful emulator of the PgBeam Policies API until stopped (Ctrl-C).
  --port      port to listen on (default 4010; 0 picks a free one)
  --host      interface to bind (default 127.0.0.1)
  --seed      JSON file: { "projects": { "prj_…": [profiles] }, "traffic": { "prj_…": [audit log entries] },
              "attachments": { "prj_…": { "<profile name>": ["agt_…"] } },
              "approval_rules": { "prj_…": [approval rules] },
              "self_host_enrollment": { "expires_at": null, "revoked_at": null } }
              (an audit log entry needs "sql"; "ts", "credential_id", "event", "decision_rule",
              "rows_returned" and any other field of PgBeam's AuditLogEntry are kept; attachments
              bind agent credentials to profiles of "projects", named by name, so replayPolicy with
              bound_policy_id replays their traffic and deleting such a profile answers 409; a live
              self_host_enrollment makes creating or updating an enabled approval rule answer 409)
  --api-key   the only bearer token accepted (default: any non-empty token; or PGBEAM_MOCK_API_KEY)
  --log       one line per request on stderr: method, path, status, milliseconds, request id
  --version   print the version and exit

Installed, the command is pgbeam-policies-mock. Example: npx @pgbeam/policies-mock --seed policies.json`;

interface SeedFile {
  projects?: Record<string, unknown>;
  traffic?: Record<string, unknown>;
  attachments?: Record<string, unknown>;
  approval_rules?: Record<string, unknown>;
  self_host_enrollment?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function exit(message: string): never {
  console.error(`pgbeam-policies-mock: ${message}`);
  process.exit(2);
}

function version(): string {
  const script = realpathSync(process.argv[1] ?? ".");
  const manifest = JSON.parse(readFileSync(join(dirname(script), "..", "package.json"), "utf8"));
  return (manifest as { version: string }).version;
}

/** One log line; carries no header, so no key. */
function logLine(entry: RequestLogEntry): string {
  return `${entry.method} ${entry.path} ${entry.status} ${entry.ms.toFixed(1)}ms ${entry.requestId}`;
}

function readSeed(path: string): SeedFile {
  let seed: unknown;
  try {
    seed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    exit(`cannot read the seed file ${path}: ${(error as Error).message}`);
  }
  if (!isObject(seed))
    exit(
      `the seed file ${path} must hold an object with "projects", "traffic", "attachments", "approval_rules" and/or "self_host_enrollment".`,
    );
  for (const list of ["projects", "traffic", "approval_rules"] as const) {
    const value = (seed as SeedFile)[list];
    if (value === undefined) continue;
    if (!isObject(value))
      exit(`the seed file ${path} is invalid: ${list} must be an object of project ids to lists.`);
    for (const [projectId, items] of Object.entries(value))
      if (!Array.isArray(items))
        exit(`the seed file ${path} is invalid: ${list}.${projectId} must be a list.`);
  }
  const attachments = (seed as SeedFile).attachments;
  if (attachments !== undefined && !isObject(attachments))
    exit(
      `the seed file ${path} is invalid: attachments must be an object of project ids to objects.`,
    );
  for (const [projectId, byName] of Object.entries(attachments ?? {}))
    if (!isObject(byName))
      exit(
        `the seed file ${path} is invalid: attachments.${projectId} must be an object of profile names to lists of credential ids.`,
      );
  const enrollment = (seed as SeedFile).self_host_enrollment;
  if (enrollment !== undefined && !isEnrollment(enrollment))
    exit(
      `the seed file ${path} is invalid: self_host_enrollment must be an object whose "expires_at" and "revoked_at" are RFC 3339 date-times or null (got ${JSON.stringify(enrollment)}).`,
    );
  return seed as SeedFile;
}

/** An enrollment as the seed file gives it: `expires_at` and `revoked_at`, each a date-time or null. */
function isEnrollment(value: unknown): value is SelfHostEnrollment {
  if (!isObject(value)) return false;
  const fields = Object.keys(value);
  if (fields.some((field) => field !== "expires_at" && field !== "revoked_at")) return false;
  return fields.every((field) => {
    const at = value[field];
    return at === null || (typeof at === "string" && !Number.isNaN(Date.parse(at)));
  });
}

/**
 * Binds the seed file's credentials to its profiles, named by name (profiles seeded without an id
 * get a generated one, so a name is what the file can know); returns a problem, else undefined.
 */
function attachSeeded(mock: PolicyMock, attachments: Record<string, unknown>): string | undefined {
  for (const [projectId, byName] of Object.entries(attachments)) {
    const ids = new Map(mock.profiles(projectId).map((profile) => [profile.name, profile.id]));
    for (const [name, credentials] of Object.entries(byName as Record<string, unknown>)) {
      const where = `attachments.${projectId}.${name}`;
      const policyId = ids.get(name);
      if (policyId === undefined)
        return `${where}: project ${projectId} has no profile named ${JSON.stringify(name)} (seed it under projects.${projectId}).`;
      if (!Array.isArray(credentials))
        return `${where} must be a list of credential ids (got ${JSON.stringify(credentials)}).`;
      const bad = credentials.findIndex((id) => typeof id !== "string" || id === "");
      if (bad >= 0)
        return `${where}[${bad}]: a credential id must be a non-empty string (got ${JSON.stringify(credentials[bad])}).`;
      for (const credentialId of credentials as string[])
        mock.attach(projectId, policyId, credentialId);
    }
  }
  return undefined;
}

async function main(): Promise<void> {
  let values: {
    port?: string;
    host?: string;
    seed?: string;
    "api-key"?: string;
    log?: boolean;
    version?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        seed: { type: "string" },
        "api-key": { type: "string" },
        log: { type: "boolean" },
        version: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    exit(`${(error as Error).message}\n\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  if (values.version) {
    console.log(version());
    return;
  }
  const port = Number(values.port ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    exit(`--port must be an integer from 0 to 65535 (got ${values.port})`);
  const apiKey = values["api-key"] ?? process.env.PGBEAM_MOCK_API_KEY;
  const mock = createPolicyMock({
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(values.log ? { onRequest: (entry: RequestLogEntry) => console.error(logLine(entry)) } : {}),
  });
  if (values.seed !== undefined) {
    const seed = readSeed(values.seed);
    try {
      for (const [projectId, profiles] of Object.entries(seed.projects ?? {}))
        mock.seed(projectId, profiles as never);
      for (const [projectId, traffic] of Object.entries(seed.traffic ?? {}))
        mock.record(projectId, traffic as never);
      for (const [projectId, rules] of Object.entries(seed.approval_rules ?? {}))
        mock.seedApprovalRules(projectId, rules as never);
      if (seed.self_host_enrollment !== undefined)
        mock.setSelfHostEnrollment(seed.self_host_enrollment as SelfHostEnrollment);
      const problem = attachSeeded(mock, seed.attachments ?? {});
      if (problem !== undefined) exit(`the seed file ${values.seed} is invalid: ${problem}`);
    } catch (error) {
      exit(
        `the seed file ${values.seed} is invalid: ${error instanceof MockSetupError ? error.inSeedFile() : (error as Error).message}`,
      );
    }
  }
  let url: string;
  try {
    url = await mock.listen(port, values.host ?? "127.0.0.1");
  } catch (error) {
    const code = (error as { code?: string }).code;
    exit(
      code === "EADDRINUSE"
        ? `port ${port} is already in use; pick another with --port`
        : (error as Error).message,
    );
  }
  console.log(`PgBeam Policies mock listening on ${url}`);
  const stop = () => {
    void mock.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

void main();
