// An independent check of the emulator: Prism, as a validating proxy with --errors, stands in
// front of it for stateful scenarios; any request or response Prism flags fails the test.
import { createPolicyClient, type PolicyClient } from "@pgbeam/policies-client";
import { createPolicyMock } from "@pgbeam/policies-mock";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { type MockServer, startProxy } from "../mock/index.js";

const project = "prj_8Kx2mQ4vLp";
const mock = createPolicyMock({ apiKey: inject("apiKey") });
let proxy: MockServer;
let client: PolicyClient;
const flagged: string[] = [];

beforeAll(async () => {
  const upstream = await mock.listen();
  proxy = await startProxy(upstream, { log: null });
  // Prism reports what it found in the sl-violations header; collect every report.
  const watching: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const violations = response.headers.get("sl-violations");
    if (violations) flagged.push(violations);
    return response;
  };
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
    expect(flagged).toEqual([]);
  });

  test("an idempotent create retried after a lost answer", async () => {
    mock.faults.next("createPolicyProfile", { when: "after", status: 429, retryAfter: 0 });
    const created = await client.policies.createPolicyProfile(project, { name: "retried" });
    expect(mock.profiles(project).filter((p) => p.name === "retried")).toEqual([created]);
    expect(flagged).toEqual([]);
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
    expect(flagged).toEqual([]);
  });
});
