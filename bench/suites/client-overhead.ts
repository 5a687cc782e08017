// Client overhead: the same request through our client, bare openapi-fetch, and raw fetch + json().
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createPolicyClient } from "@pgbeam/policies-client";
import type { paths } from "@pgbeam/policies-types";
import createClient from "openapi-fetch";
import { compare, type Measurement, measureInterleavedAsync, type Row } from "../measure.js";

const profile = JSON.stringify({
  id: "pol_3fGh7TnQ2w",
  project_id: "prj_8Kx2mQ4vLp",
  name: "analytics-readonly",
  access_mode: "read_only",
  table_allowlist: ["analytics.daily_revenue", "public.customers"],
  table_denylist: [],
  masking_rules: [{ table: "public.customers", column: "email", kind: "hash" }],
  max_rows: 10000,
  created_at: "2026-11-02T09:14:05Z",
  updated_at: "2026-11-02T09:14:05Z",
});
const input = { name: "analytics-readonly", max_rows: 10000 };
const auth = { authorization: "Bearer pgb_bench" };
const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function contenders(baseUrl: string, fetchImpl: (request: Request) => Promise<Response>) {
  const ours = createPolicyClient({
    apiKey: "pgb_bench",
    baseUrl,
    fetch: fetchImpl,
    timeoutMs: 30_000,
    maxRetries: 2,
    logger: silent,
    logLevel: "error",
  });
  const bare = createClient<paths>({ baseUrl, fetch: fetchImpl, headers: auth });
  const path = { params: { path: { project_id: "prj_8Kx2mQ4vLp", policy_id: "pol_3fGh7TnQ2w" } } };
  const url = `${baseUrl}/v1/projects/prj_8Kx2mQ4vLp/policies`;
  return {
    "get: our client": () => ours.policies.getPolicyProfile("prj_8Kx2mQ4vLp", "pol_3fGh7TnQ2w"),
    "get: bare openapi-fetch": () =>
      bare.GET("/v1/projects/{project_id}/policies/{policy_id}", path),
    "get: raw fetch + json()": () =>
      fetchImpl(new Request(`${url}/pol_3fGh7TnQ2w`, { headers: auth })).then((r) => r.json()),
    "create: our client": () => ours.policies.createPolicyProfile("prj_8Kx2mQ4vLp", input),
    "create: bare openapi-fetch": () =>
      bare.POST("/v1/projects/{project_id}/policies", {
        params: { path: { project_id: "prj_8Kx2mQ4vLp" } },
        body: input,
      }),
    "create: raw fetch + json()": () =>
      fetchImpl(
        new Request(url, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify(input),
        }),
      ).then((r) => r.json()),
  };
}

function rows(
  group: string,
  results: Map<string, Measurement>,
  targets: { get: number; create: number },
): Row[] {
  return (["get", "create"] as const).flatMap((op) => [
    ...compare(group, results, `${op}: bare openapi-fetch`, [`${op}: our client`], {
      [`${op}: our client`]: targets[op],
    }),
    ...compare(group, results, `${op}: raw fetch + json()`, [`${op}: bare openapi-fetch`]),
  ]);
}

/** Runs the stub and loopback comparisons. */
export async function clientOverhead(): Promise<Row[]> {
  const stub = async () =>
    new Response(profile, { status: 200, headers: { "content-type": "application/json" } });
  // Interleaved rounds with medians: the VM's load moves all contenders alike.
  const onStub = await measureInterleavedAsync(
    await contenders("https://api.pgbeam.com", stub),
    15,
  );

  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(req.method === "POST" ? 201 : 200, { "content-type": "application/json" });
      res.end(profile);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const onLoopback = await measureInterleavedAsync(
    await contenders(baseUrl, (request) => fetch(request)),
    15,
  );
  server.closeAllConnections();
  server.close();

  return [
    ...rows("client, in-process fetch", onStub, { get: 1.15, create: 1.2 }),
    ...rows("client, loopback HTTP", onLoopback, { get: 1.05, create: 1.05 }),
  ];
}
