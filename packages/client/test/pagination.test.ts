import { afterEach, expect, test } from "vitest";
import { createPolicyClient, type PolicyProfile } from "../src/index.js";
import { apiKey, profile } from "./helpers/fixtures.js";
import { json, type Script, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
afterEach(() => server.close());

/** Serves `pages` (lists of ids) chained by tokens t1, t2, …; the last page has `lastToken`. */
function pages(ids: string[][], lastToken?: string): Script {
  return (_, request, res) => {
    const token = new URL(request.path, "http://x").searchParams.get("page_token");
    const index = token === null ? 0 : Number(token.slice(1));
    const next = index + 1 < ids.length ? `t${index + 1}` : lastToken;
    json(res, 200, {
      policies: (ids[index] ?? []).map((id) => profile(id)),
      ...(next === undefined ? {} : { next_page_token: next }),
    });
  };
}

async function collect(iterable: AsyncIterable<PolicyProfile>): Promise<string[]> {
  const ids: string[] = [];
  for await (const p of iterable) ids.push(p.id);
  return ids;
}

test("follows next_page_token across 3 pages, passing page_size on each", async () => {
  server = await startServer(pages([["a", "b"], ["c", "d"], ["e"]]));
  const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url });
  expect(await collect(pgbeam.policies.listAllPolicyProfiles("prj_1", { page_size: 2 }))).toEqual([
    "a",
    "b",
    "c",
    "d",
    "e",
  ]);
  expect(server.requests.map((r) => r.path)).toEqual([
    "/v1/projects/prj_1/policies?page_size=2",
    "/v1/projects/prj_1/policies?page_size=2&page_token=t1",
    "/v1/projects/prj_1/policies?page_size=2&page_token=t2",
  ]);
});

test("an empty next_page_token ends the iteration", async () => {
  server = await startServer(pages([["a"], ["b"]], ""));
  const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url });
  expect(await collect(pgbeam.policies.listAllPolicyProfiles("prj_1"))).toEqual(["a", "b"]);
  expect(server.requests).toHaveLength(2);
});

test("pages are fetched lazily", async () => {
  server = await startServer(pages([["a", "b"], ["c"]]));
  const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url });
  const iterator = pgbeam.policies.listAllPolicyProfiles("prj_1");
  expect(server.requests).toHaveLength(0);
  await iterator.next();
  await iterator.next();
  expect(server.requests).toHaveLength(1);
  await iterator.next();
  expect(server.requests).toHaveLength(2);
});

test("a repeated page token stops with a clear error", async () => {
  let page = 0;
  server = await startServer((_, __, res) =>
    json(res, 200, { policies: [profile(`p${page++}`)], next_page_token: "same" }),
  );
  const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url });
  await expect(collect(pgbeam.policies.listAllPolicyProfiles("prj_1"))).rejects.toThrow(
    'The server returned page token "same" twice; stopping to avoid an endless loop.',
  );
  expect(server.requests).toHaveLength(2);
});

test("the signal stops the iteration", async () => {
  server = await startServer(pages([["a"], ["b"], ["c"]]));
  const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url });
  const controller = new AbortController();
  const ids: string[] = [];
  const reason = new Error("enough");
  const run = async () => {
    for await (const p of pgbeam.policies.listAllPolicyProfiles("prj_1", {
      signal: controller.signal,
    })) {
      ids.push(p.id);
      controller.abort(reason);
    }
  };
  await expect(run()).rejects.toBe(reason);
  expect(ids).toEqual(["a"]);
  expect(server.requests).toHaveLength(1);
});
