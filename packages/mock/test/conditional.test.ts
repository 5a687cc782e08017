// ETags, If-None-Match and If-Match, through the client on each way in: in-process fetch,
// loopback HTTP and MSW. Two writers on one tag: one wins, the other gets a 412, nothing is lost.
import {
  createPolicyClient,
  type PolicyClient,
  PreconditionFailedError,
} from "@pgbeam/policies-client";
import { validationMiddleware } from "@pgbeam/policies-validators";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mswHandlers } from "../src/msw.js";
import { createPolicyMock } from "../src/node.js";
import { apiKey, clientFor } from "./helpers.js";

const project = "prj_etags";
const mock = createPolicyMock();
const msw = setupServer(...mswHandlers(mock));
let overHttp: PolicyClient;

beforeAll(async () => {
  overHttp = clientFor(mock, { baseUrl: await mock.listen() });
  msw.listen({ onUnhandledRequest: "bypass" });
});

afterAll(async () => {
  msw.close();
  await mock.close();
});

function throughMsw(): PolicyClient {
  const client = createPolicyClient({ apiKey, maxRetries: 0 });
  client.raw.use(validationMiddleware());
  return client;
}

const transports: [string, () => PolicyClient][] = [
  ["mock.fetch", () => clientFor(mock)],
  ["listen()", () => overHttp],
  ["MSW", throughMsw],
];

describe.each(transports)("conditional requests through %s", (_, makeClient) => {
  test("a get's strong ETag holds until the profile changes; If-None-Match answers 304", async () => {
    const { policies } = makeClient();
    const created = await policies.createPolicyProfile(project, { name: `tagged-${_}` });
    const first = await policies.getPolicyProfileWithETag(project, created.id);
    expect(first.etag).toMatch(/^"[^"]+"$/);
    expect((await policies.getPolicyProfileWithETag(project, created.id)).etag).toBe(first.etag);
    const unchanged = await policies.getPolicyProfileWithETag(project, created.id, {
      ifNoneMatch: first.etag as string,
    });
    expect(unchanged).toEqual({ notModified: true, data: undefined, etag: first.etag });
    await policies.updatePolicyProfile(project, created.id, { name: created.name, max_rows: 5 });
    const changed = await policies.getPolicyProfileWithETag(project, created.id, {
      ifNoneMatch: first.etag as string,
    });
    expect(changed.notModified).toBe(false);
    expect(changed.etag).not.toBe(first.etag);
    // The same representation again is the same tag: only the bytes decide.
    await policies.updatePolicyProfile(project, created.id, { name: created.name, max_rows: 5 });
    const again = await policies.getPolicyProfileWithETag(project, created.id);
    expect(again.etag === changed.etag).toBe(
      JSON.stringify(again.data) === JSON.stringify(changed.data),
    );
  });

  test("a list's ETag follows the page; a list of tags and * match", async () => {
    const { policies } = makeClient();
    const page = await policies.listPolicyProfilesWithETag(project, { page_size: 100 });
    const etag = page.etag as string;
    const listed = await policies.listPolicyProfilesWithETag(
      project,
      { page_size: 100 },
      { ifNoneMatch: `"other", W/${etag}` },
    );
    expect(listed.notModified).toBe(true);
    const star = await policies.listPolicyProfilesWithETag(
      project,
      { page_size: 100 },
      {
        ifNoneMatch: "*",
      },
    );
    expect(star.notModified).toBe(true);
    await policies.createPolicyProfile(project, { name: `more-${_}` });
    const after = await policies.listPolicyProfilesWithETag(
      project,
      { page_size: 100 },
      {
        ifNoneMatch: etag,
      },
    );
    expect(after.notModified).toBe(false);
  });

  test("If-Match: a stale tag is a 412 with the current ETag and changes nothing", async () => {
    const { policies } = makeClient();
    const created = await policies.createPolicyProfile(project, { name: `guarded-${_}` });
    const read = await policies.getPolicyProfileWithETag(project, created.id);
    await policies.updatePolicyProfile(project, created.id, { name: created.name, max_rows: 1 });
    const current = await policies.getPolicyProfileWithETag(project, created.id);
    const error = await policies
      .updatePolicyProfile(
        project,
        created.id,
        { name: created.name, max_rows: 2 },
        {
          ifMatch: read.etag as string,
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error).toMatchObject({ status: 412, code: "PRECONDITION_FAILED", etag: current.etag });
    expect((await policies.getPolicyProfile(project, created.id)).max_rows).toBe(1);
    const star = await policies.updatePolicyProfile(
      project,
      created.id,
      { name: created.name, max_rows: 3 },
      { ifMatch: "*" },
    );
    expect(star.max_rows).toBe(3);
  });

  test("two writers on one tag: one wins, the other gets a 412; a re-read retry loses nothing", async () => {
    const { policies } = makeClient();
    const created = await policies.createPolicyProfile(project, {
      name: `raced-${_}`,
      table_allowlist: ["a"],
    });
    const read = await policies.getPolicyProfileWithETag(project, created.id);
    const write = (table: string) =>
      policies.updatePolicyProfile(
        project,
        created.id,
        { name: created.name, table_allowlist: [...(read.data?.table_allowlist ?? []), table] },
        { ifMatch: read.etag as string },
      );
    const results = await Promise.allSettled([write("b"), write("c")]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(PreconditionFailedError);
    const lost = loser === results[0] ? "b" : "c";
    // The loser re-reads and re-applies its change, as the 412 tells it to.
    const merged = await policies.modifyPolicyProfile(project, created.id, (current) => ({
      name: current.name,
      table_allowlist: [...current.table_allowlist, lost],
    }));
    expect([...merged.table_allowlist].sort()).toEqual(["a", "b", "c"]);
  });
});

test("create, update and delete answers carry no ETag; a 304 carries only the ETag", async () => {
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  const url = `https://api.pgbeam.com/v1/projects/${project}/policies`;
  const created = await mock.fetch(url, { method: "POST", headers, body: '{"name":"plain"}' });
  expect(created.headers.get("etag")).toBeNull();
  const { id } = (await created.json()) as { id: string };
  const got = await mock.fetch(`${url}/${id}`, { headers });
  const etag = got.headers.get("etag") as string;
  const updated = await mock.fetch(`${url}/${id}`, {
    method: "PUT",
    headers: { ...headers, "if-match": etag },
    body: '{"name":"plain"}',
  });
  expect([updated.status, updated.headers.get("etag")]).toEqual([200, null]);
  const notModified = await mock.fetch(`${url}/${id}`, {
    headers: {
      ...headers,
      "if-none-match": (await mock.fetch(`${url}/${id}`, { headers })).headers.get(
        "etag",
      ) as string,
    },
  });
  expect(notModified.status).toBe(304);
  expect(await notModified.text()).toBe("");
  expect([...notModified.headers.keys()].sort()).toEqual(["etag", "x-request-id"]);
});
