#!/usr/bin/env node
// pgbeam-policies-mock: the emulator as a standalone HTTP server for any language's tests.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { createPolicyMock } from "./create-policy-mock-node.js";
import type { RecordedStatement } from "./store.js";

const usage = `Usage: pgbeam-policies-mock [--port 4010] [--host 127.0.0.1] [--seed FILE] [--api-key KEY]

Serves a stateful emulator of the PgBeam Policies API until stopped (Ctrl-C).
  --port      port to listen on (default 4010; 0 picks a free one)
  --host      interface to bind (default 127.0.0.1)
  --seed      JSON file: { "projects": { "prj_…": [profiles] }, "traffic": { "prj_…": [{ "sql": "…", "at": "…" }] } }
  --api-key   the only bearer token accepted (default: any non-empty token; or PGBEAM_MOCK_API_KEY)

Example: pgbeam-policies-mock --port 4010 --seed policies.json`;

interface SeedFile {
  projects?: Record<string, PolicyProfileInput[]>;
  traffic?: Record<string, RecordedStatement[]>;
}

function exit(message: string): never {
  console.error(`pgbeam-policies-mock: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string; seed?: string; "api-key"?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        seed: { type: "string" },
        "api-key": { type: "string" },
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
  const port = Number(values.port ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    exit(`--port must be an integer from 0 to 65535 (got ${values.port})`);
  const apiKey = values["api-key"] ?? process.env.PGBEAM_MOCK_API_KEY;
  const mock = createPolicyMock(apiKey === undefined ? {} : { apiKey });
  if (values.seed !== undefined) {
    let seed: SeedFile;
    try {
      seed = JSON.parse(readFileSync(values.seed, "utf8")) as SeedFile;
    } catch (error) {
      exit(`cannot read the seed file ${values.seed}: ${(error as Error).message}`);
    }
    try {
      for (const [projectId, profiles] of Object.entries(seed.projects ?? {}))
        mock.seed(projectId, profiles);
      for (const [projectId, traffic] of Object.entries(seed.traffic ?? {}))
        mock.record(projectId, traffic);
    } catch (error) {
      exit(`the seed file ${values.seed} is invalid: ${(error as Error).message}`);
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
