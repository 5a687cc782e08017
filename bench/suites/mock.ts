// The emulator: requests per second over loopback against Prism on the same spec (both in their
// own process, driven by autocannon), in-process fetch, the cost of a page at 1 000 and
// 100 000 profiles, and memory.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startMock } from "@pgbeam/contract-tests/mock";
import { createPolicyMock, type PolicyMock } from "@pgbeam/policies-mock";
import type { PolicyProfile } from "@pgbeam/policies-types";
import { exampleOf } from "@pgbeam/spec-testing";
import autocannon from "autocannon";
// The emulator's own ETag function (not public API), to say what one costs.
import { etagOf } from "../../packages/mock/src/etag.js";
import { measure, type Row } from "../measure.js";

const project = "prj_8Kx2mQ4vLp";
const policyId = "pol_3fGh7TnQ2w";
const headers = { authorization: "Bearer pgb_bench", "content-type": "application/json" };
const concurrency = 8;
const windowMs = 2000;

type Operation = "get" | "list" | "create";

const paths: Record<Operation, string> = {
  get: `/v1/projects/${project}/policies/${policyId}`,
  // Two per page, the size of the page Prism answers with (its example), so both send as much.
  list: `/v1/projects/${project}/policies?page_size=2`,
  create: `/v1/projects/${project}/policies`,
};

/** Requests per second one autocannon run reaches with `concurrency` connections for `windowMs`. */
let runs = 0;

async function autocannonRps(base: string, name: Operation): Promise<number> {
  const run = runs++;
  let counter = 0;
  const request: autocannon.Request =
    name === "create"
      ? {
          method: "POST",
          path: paths.create,
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({ name: `bench-${run}-${counter++}` }),
          }),
        }
      : { method: "GET", path: paths[name] };
  const result = await autocannon({
    url: base,
    connections: concurrency,
    duration: windowMs / 1000,
    headers,
    requests: [request],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${name} on ${base}: ${result.non2xx} non-2xx answers, ${result.errors} errors`,
    );
  }
  return result.requests.average;
}

/** Requests per second of in-process `mock.fetch`, `concurrency` at a time, for about `windowMs`. */
async function inProcessRps(mock: PolicyMock, name: Operation): Promise<number> {
  const call = async (i: number) => {
    const url = `https://api.pgbeam.com${paths[name]}`;
    const init: RequestInit =
      name === "create"
        ? { method: "POST", headers, body: JSON.stringify({ name: `in-process-${i}` }) }
        : { headers };
    await (await mock.fetch(url, init)).arrayBuffer();
  };
  for (let i = 0; i < 50; i++) await call(-i - 1);
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - started < windowMs) await call(done++);
    }),
  );
  return (done / (performance.now() - started)) * 1000;
}

const benchProfile = {
  ...exampleOf("PolicyProfile"),
  id: policyId,
  project_id: project,
  name: "bench",
} as PolicyProfile;
const seedProfiles = [
  benchProfile,
  ...Array.from({ length: 50 }, (_, i) => ({ name: `seed-${i}` })),
];

/** The emulator's bin in its own process, like Prism, so the bench's client has this process to itself. */
async function startBin(): Promise<{ url: string; child: ChildProcess }> {
  const dir = mkdtempSync(join(tmpdir(), "pgbeam-bench-"));
  const seedFile = join(dir, "seed.json");
  writeFileSync(seedFile, JSON.stringify({ projects: { [project]: seedProfiles } }));
  const entry = createRequire(import.meta.url).resolve("@pgbeam/policies-mock");
  const bin = join(dirname(entry), "cli.js");
  const child = spawn(process.execPath, [bin, "--port", "0", "--seed", seedFile], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.split(" ").find((word) => word.startsWith("http://"));
      if (found) resolve(found.trim());
    });
    child.once("exit", (code) => reject(new Error(`the mock's bin exited with ${code}`)));
  });
  return { url, child };
}

function seeded(): PolicyMock {
  const mock = createPolicyMock();
  mock.seed(project, seedProfiles);
  return mock;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Median time of listing the page that starts at the end of a project of `size` profiles. */
async function lastPageUs(size: number): Promise<number> {
  const mock = createPolicyMock();
  mock.seed(
    project,
    Array.from({ length: size }, (_, i) => ({ name: `p${i}` })),
  );
  const url = (token?: string) =>
    `https://api.pgbeam.com/v1/projects/${project}/policies?page_size=100${token ? `&page_token=${token}` : ""}`;
  let token: string | undefined;
  for (let i = 0; i < size / 100 - 1; i++) {
    token = (
      (await (await mock.fetch(url(token), { headers })).json()) as { next_page_token?: string }
    ).next_page_token;
  }
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    await (await mock.fetch(url(token), { headers })).arrayBuffer();
    times.push((performance.now() - started) * 1000);
  }
  times.sort((a, b) => a - b);
  return times[100] ?? Number.NaN;
}

/** The emulator suite's rows. */
export async function mockSpeed(): Promise<Row[]> {
  const rows: Row[] = [];
  const prism = await startMock({ log: null });
  const bin = await startBin();
  const mock = seeded();
  try {
    for (const name of ["get", "list", "create"] as const) {
      await autocannonRps(bin.url, name); // a warm-up run, so the JIT has seen the route
      const prismRps = await autocannonRps(prism.url, name);
      const loopbackRps = await autocannonRps(bin.url, name);
      const inProcess = await inProcessRps(mock, name);
      const group = `emulator: ${name}, ${concurrency} connections`;
      rows.push({
        group,
        name: "pgbeam-policies-mock (own process), autocannon",
        meanUs: 1e6 / loopbackRps,
        opsPerSec: loopbackRps,
        baseline: "Prism mock (own process), autocannon",
        ratio: prismRps / loopbackRps,
        target: 0.1,
        note: `${(loopbackRps / prismRps).toFixed(1)}× Prism's ${Math.round(prismRps).toLocaleString("en-US")} req/s`,
      });
      rows.push({
        group,
        name: "mock.fetch in-process",
        meanUs: 1e6 / inProcess,
        opsPerSec: inProcess,
        baseline: "pgbeam-policies-mock over loopback",
        ratio: loopbackRps / inProcess,
        note: `${(inProcess / loopbackRps).toFixed(1)}× the loopback server`,
      });
    }
  } finally {
    await prism.stop();
    bin.child.kill("SIGTERM");
  }
  // What an ETag costs: hashing the representation, against serializing it (which every read does).
  const profileText = JSON.stringify(benchProfile);
  const pageText = JSON.stringify({ policies: [benchProfile, benchProfile] });
  const timed = await measure({
    "etag of a profile": () => etagOf(profileText),
    "JSON.stringify of a profile": () => JSON.stringify(benchProfile),
    "etag of a list page of 2": () => etagOf(pageText),
  });
  const etagUs = timed.get("etag of a profile")?.meanUs ?? Number.NaN;
  const stringifyUs = timed.get("JSON.stringify of a profile")?.meanUs ?? Number.NaN;
  const pageUs = timed.get("etag of a list page of 2")?.meanUs ?? Number.NaN;
  rows.push({
    group: `emulator: ETag (${profileText.length} B profile, ${pageText.length} B page)`,
    name: "etag of a profile",
    meanUs: etagUs,
    opsPerSec: 1e6 / etagUs,
    baseline: "JSON.stringify of the same profile",
    ratio: etagUs / stringifyUs,
    note: `a list page of 2: ${pageUs.toFixed(2)} µs; a get computes it once per version (cached with the body)`,
  });
  const small = await lastPageUs(1_000);
  const large = await lastPageUs(100_000);
  rows.push({
    group: "emulator: last page of 100 (median of 200)",
    name: "100 000 profiles",
    meanUs: large,
    opsPerSec: 1e6 / large,
    baseline: "1 000 profiles",
    ratio: large / small,
    note: "flat means the cost of a page does not grow with the profiles stored",
  });
  const before = heapMb();
  const big = createPolicyMock();
  big.seed(
    project,
    Array.from({ length: 100_000 }, (_, i) => ({
      name: `p${i}`,
      table_allowlist: ["public.orders"],
    })),
  );
  const after = heapMb();
  rows.push({
    group: "emulator: memory",
    name: "100 000 stored profiles",
    meanUs: 0,
    opsPerSec: 0,
    baseline: "empty emulator",
    ratio: Number.NaN,
    note: `${(after - before).toFixed(0)} MB of heap (${(((after - before) * 1024 * 1024) / 100_000).toFixed(0)} bytes per profile); ${big.profiles(project).length} stored`,
  });
  return rows;
}
