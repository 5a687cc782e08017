// Pagination: listAllPolicyProfiles over many pages from an in-process fetch; speed and peak heap.
import { createPolicyClient } from "@pgbeam/policies-client";
import type { paths } from "@pgbeam/policies-types";
import createClient from "openapi-fetch";
import type { Row } from "../measure.js";

const pageSize = 100;

/** A fetch that serves `total` profiles in pages, building each page only when asked. */
function pagedFetch(total: number) {
  return async (request: Request) => {
    const token = new URL(request.url).searchParams.get("page_token");
    const start = token === null ? 0 : Number(token);
    const policies = Array.from({ length: Math.min(pageSize, total - start) }, (_, i) => ({
      id: `pol_${start + i}`,
      project_id: "prj_bench",
      name: `profile-${start + i}`,
      access_mode: "read_only",
      table_allowlist: ["public.orders"],
      table_denylist: [],
      masking_rules: [],
      created_at: "2026-11-25T10:00:00Z",
      updated_at: "2026-11-25T10:00:00Z",
    }));
    const next = start + pageSize < total ? { next_page_token: String(start + pageSize) } : {};
    return new Response(JSON.stringify({ policies, ...next }), {
      headers: { "content-type": "application/json" },
    });
  };
}

const gc = (globalThis as { gc?: () => void }).gc;
type Iterate = (
  fetchImpl: (r: Request) => Promise<Response>,
  sample: () => void,
) => Promise<number>;

/**
 * Iterates `total` profiles; returns the time taken and the peak of the heap that stays
 * reachable (sampled after a forced GC every 1 000 profiles, so garbage does not count).
 */
async function run(total: number, iterate: Iterate) {
  gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sample = () => {
    gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const started = performance.now();
  const seen = await iterate(pagedFetch(total), sample);
  const elapsedMs = performance.now() - started;
  if (seen !== total) throw new Error(`saw ${seen} of ${total} profiles`);
  return { elapsedMs, peakMb: (peak - baseline) / 2 ** 20 };
}

/** A timing run without the GC samples, which would dominate the time. */
const noSample = () => {};

const viaOurs: Iterate = async (fetchImpl, sample) => {
  const pgbeam = createPolicyClient({ apiKey: "pgb_bench", fetch: fetchImpl });
  let seen = 0;
  for await (const _ of pgbeam.policies.listAllPolicyProfiles("prj_bench", {
    page_size: pageSize,
  })) {
    if (++seen % 1000 === 0) sample();
  }
  return seen;
};

const viaBare: Iterate = async (fetchImpl) => {
  const client = createClient<paths>({ baseUrl: "https://api.pgbeam.com", fetch: fetchImpl });
  let seen = 0;
  let token: string | undefined;
  do {
    const query = { page_size: pageSize, ...(token ? { page_token: token } : {}) };
    const { data } = await client.GET("/v1/projects/{project_id}/policies", {
      params: { path: { project_id: "prj_bench" }, query },
    });
    seen += data?.policies.length ?? 0;
    token = data?.next_page_token || undefined;
  } while (token);
  return seen;
};

/** Profiles per second at 10 000 profiles, and whether the heap stays flat from 1 000 to 10 000. */
export async function pagination(): Promise<Row[]> {
  await run(2_000, (f) => viaOurs(f, noSample));
  await run(2_000, viaBare);
  const timed = await run(10_000, (f) => viaOurs(f, noSample));
  const bare = await run(10_000, viaBare);
  const small = await run(1_000, viaOurs);
  const large = await run(10_000, viaOurs);
  const rate = (r: { elapsedMs: number }) => (10_000 / r.elapsedMs) * 1000;
  return [
    {
      group: "pagination (10 000 profiles, pages of 100)",
      name: "listAllPolicyProfiles",
      meanUs: (timed.elapsedMs * 1000) / 10_000,
      opsPerSec: rate(timed),
      baseline: "bare openapi-fetch page loop",
      ratio: timed.elapsedMs / bare.elapsedMs,
      note: `reachable heap peak +${large.peakMb.toFixed(2)} MB at 10 000 vs +${small.peakMb.toFixed(2)} MB at 1 000 (ops = profiles)`,
    },
  ];
}
