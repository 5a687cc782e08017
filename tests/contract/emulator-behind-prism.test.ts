// An independent check of the emulator: Prism, as a validating proxy with --errors, stands in
// front of it for stateful scenarios; any request or response Prism flags fails the test.
import {
  createPolicyClient,
  type PolicyClient,
  PreconditionFailedError,
} from "@pgbeam/policies-client";
import { createPolicyMock } from "@pgbeam/policies-mock";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { type MockServer, startProxy } from "../mock/index.js";

const project = "prj_8Kx2mQ4vLp";
const mock = createPolicyMock({ apiKey: inject("apiKey") });
let proxy: MockServer;
// Prism reports what it found in the sl-violations header; collect every report.
const watching: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const violations = response.headers.get("sl-violations");
  if (violations) flagged.push(violations);
  return response;
};
let client: PolicyClient;
const flagged: string[] = [];

beforeAll(async () => {
  const upstream = await mock.listen();
  proxy = await startProxy(upstream, { log: null });
  client = createPolicyClient({
    apiKey: inject("apiKey"),
    baseUrl: proxy.url,
    fetch: watching,
    maxRetries: 2,
  });
});

afterAll(async () => {
  await proxy?.stop();
  await mock.close();
});

describe("the emulator behind Prism's validating proxy", () => {
  test("create → list → get → update → dry-eval → replay → delete → 404", async () => {
    const { policies } = client;
    const created = await policies.createPolicyProfile(project, {
      name: "proxied",
      masking_rules: [{ table: "users", column: "email", kind: "redact" }],
      row_filters: [{ table: "orders", predicate: "tenant_id = 7" }],
    });
    expect((await policies.listPolicyProfiles(project)).policies).toContainEqual(created);
    expect(await policies.getPolicyProfile(project, created.id)).toEqual(created);
    await policies.updatePolicyProfile(project, created.id, {
      name: "proxied",
      access_mode: "read_write",
    });
    for (const sql of [
      "SELECT email FROM users",
      "SELECT * FROM orders",
      "DROP TABLE users",
      "SELECT 1",
    ]) {
      await policies.dryEvalPolicy(project, { sql, policy_id: created.id });
    }
    mock.record(project, [
      { sql: "SELECT email FROM users WHERE id = 1" },
      { sql: "DELETE FROM orders" },
    ]);
    const replayed = await policies.replayPolicy(project, { policy_id: created.id });
    expect(replayed.summary.evaluated).toBe(2);
    await policies.deletePolicyProfile(project, created.id);
    await expect(policies.getPolicyProfile(project, created.id)).rejects.toMatchObject({
      status: 404,
    });
    expect(flagged, flagged.join("\n")).toEqual([]);
  });

  test("an idempotent create retried after a lost answer", async () => {
    mock.faults.next("createPolicyProfile", { when: "after", status: 429, retryAfter: 0 });
    const created = await client.policies.createPolicyProfile(project, { name: "retried" });
    expect(mock.profiles(project).filter((p) => p.name === "retried")).toEqual([created]);
    expect(flagged, flagged.join("\n")).toEqual([]);
  });

  test("pagination while profiles are created between pages", async () => {
    mock.seed(
      project,
      Array.from({ length: 12 }, (_, i) => ({ name: `page-${i}` })),
    );
    const seen: string[] = [];
    let inserted = 0;
    for await (const profile of client.policies.listAllPolicyProfiles(project, { page_size: 5 })) {
      seen.push(profile.name);
      if (seen.length % 5 === 0)
        await client.policies.createPolicyProfile(project, { name: `late-${inserted++}` });
    }
    for (let i = 0; i < 12; i++)
      expect(seen.filter((name) => name === `page-${i}`)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(flagged, flagged.join("\n")).toEqual([]);
  });

  test("ETags: 200s carry one, If-None-Match answers 304, a stale If-Match a 412 with the current tag", async () => {
    const { policies } = client;
    const created = await policies.createPolicyProfile(project, { name: "tagged" });
    const read = await policies.getPolicyProfile(project, created.id).withResponse();
    expect(read.etag).toBeDefined();
    const again = await policies.getPolicyProfile(project, created.id, {
      ifNoneMatch: read.etag as string,
    });
    expect(again.notModified).toBe(true);
    const page = await policies.listPolicyProfiles(project).withResponse();
    const same = await policies.listPolicyProfiles(
      project,
      {},
      {
        ifNoneMatch: `"x", ${page.etag}`,
      },
    );
    expect(same.notModified).toBe(true);
    await policies.updatePolicyProfile(
      project,
      created.id,
      { name: "tagged", max_rows: 9 },
      {
        ifMatch: read.etag as string,
      },
    );
    const stale = await policies
      .updatePolicyProfile(
        project,
        created.id,
        { name: "tagged" },
        { ifMatch: read.etag as string },
      )
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect((stale as PreconditionFailedError).etag).toBeDefined();
    const merged = await policies.modifyPolicyProfile(project, created.id, (current) => ({
      name: current.name,
      max_rows: (current.max_rows ?? 0) + 1,
    }));
    expect(merged.max_rows).toBe(10);
    expect(flagged, flagged.join("\n")).toEqual([]);
  });

  test("conflicts and refusals: RESOURCE_EXISTS, IDEMPOTENCY_KEY_REUSED, a profile in use, a forged token", async () => {
    const { policies } = client;
    const first = await policies.createPolicyProfile(project, { name: "taken" });
    await expect(policies.createPolicyProfile(project, { name: "taken" })).rejects.toMatchObject({
      status: 409,
      code: "RESOURCE_EXISTS",
    });
    await policies.createPolicyProfile(project, { name: "keyed" }, { idempotencyKey: "prism-key" });
    await expect(
      policies.createPolicyProfile(project, { name: "other" }, { idempotencyKey: "prism-key" }),
    ).rejects.toMatchObject({ status: 409, code: "IDEMPOTENCY_KEY_REUSED" });
    mock.attach(project, first.id, "agt_prism");
    await expect(policies.deletePolicyProfile(project, first.id)).rejects.toMatchObject({
      status: 409,
    });
    mock.detach(project, first.id, "agt_prism");
    await expect(
      policies.listPolicyProfiles(project, { page_token: "forged.token" }),
    ).rejects.toMatchObject({ status: 400, code: "INVALID_INPUT" });
    expect(flagged, flagged.join("\n")).toEqual([]);
  });

  test("faults with every new status: 412, 413, 415, 429 and 500 answers pass Prism", async () => {
    const { policies } = client;
    const created = await policies.createPolicyProfile(project, { name: "faulted" });
    const noRetry = createPolicyClient({
      apiKey: inject("apiKey"),
      baseUrl: proxy.url,
      fetch: watching,
      maxRetries: 0,
    }).policies;
    mock.faults.next("updatePolicyProfile", { status: 412 });
    await expect(
      noRetry.updatePolicyProfile(project, created.id, { name: "faulted" }),
    ).rejects.toMatchObject({ status: 412 });
    mock.faults.next("createPolicyProfile", { status: 413 });
    await expect(noRetry.createPolicyProfile(project, { name: "big" })).rejects.toMatchObject({
      status: 413,
    });
    mock.faults.next("dryEvalPolicy", { status: 415 });
    await expect(
      noRetry.dryEvalPolicy(project, { sql: "SELECT 1", policy_id: created.id }),
    ).rejects.toMatchObject({ status: 415 });
    mock.faults.next("listPolicyProfiles", { status: 429 });
    await expect(noRetry.listPolicyProfiles(project)).rejects.toMatchObject({ status: 429 });
    mock.faults.next("getPolicyProfile", { status: 500 });
    await expect(noRetry.getPolicyProfile(project, created.id)).rejects.toMatchObject({
      status: 500,
      code: "INTERNAL_ERROR",
    });
    expect(flagged, flagged.join("\n")).toEqual([]);
  });

  test("replay bound to a profile's credentials, and a recommendation from recorded traffic", async () => {
    const { policies } = client;
    const live = await policies.createPolicyProfile(project, { name: "bound" });
    mock.attach(project, live.id, "agt_bound");
    mock.record(
      project,
      Array.from({ length: 12 }, (_, i) => ({
        sql: `SELECT id FROM orders WHERE id = ${i}`,
        credential_id: "agt_bound",
        rows_returned: i,
      })),
    );
    const bound = await policies.replayPolicy(project, {
      policy: { name: "draft" },
      bound_policy_id: live.id,
    });
    expect(bound.summary).toMatchObject({
      traffic_scope: "bound_credentials",
      bound_credentials: 1,
      entries_scanned: 12,
    });
    const data = await policies.recommendAgentPolicy(project, "agt_bound", {});
    expect(data).toMatchObject({
      sufficient_history: true,
      candidate: { access_mode: "read_only", table_allowlist: ["orders"] },
    });
    expect(flagged, flagged.join("\n")).toEqual([]);
  });

  // The emulator's own 413 and 415 cannot reach the client through Prism: Prism re-serializes
  // the JSON it forwards (padding never arrives) and answers a wrong content type itself (422),
  // so the faults above stand for them here; packages/mock/test/limits.test.ts tests the real ones.
});
