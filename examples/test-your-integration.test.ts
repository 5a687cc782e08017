// Test your own code against a local PgBeam: a stateful emulator of the Policies API that runs
// in-process, with failures you choose. Run with `vitest` (here: `pnpm test` in examples/).
import { createPolicyClient, type PolicyClient } from "@pgbeam/policies-client";
import { createPolicyMock } from "@pgbeam/policies-mock";
import { beforeEach, expect, test } from "vitest";

// The code under test: a team's helper that makes sure a profile exists, by name.
async function ensureProfile(pgbeam: PolicyClient, projectId: string, name: string) {
  for await (const profile of pgbeam.policies.listAllPolicyProfiles(projectId)) {
    if (profile.name === name) return profile;
  }
  return pgbeam.policies.createPolicyProfile(projectId, { name, access_mode: "read_only" });
}

const mock = createPolicyMock();
const pgbeam = createPolicyClient({ apiKey: "pgb_test", fetch: mock.fetch });
const projectId = "prj_8Kx2mQ4vLp";

beforeEach(() => mock.reset());

test("creates the profile once, then finds it", async () => {
  const first = await ensureProfile(pgbeam, projectId, "analytics");
  const second = await ensureProfile(pgbeam, projectId, "analytics");
  expect(second.id).toBe(first.id);
  expect(mock.profiles(projectId)).toHaveLength(1);
});

test("finds a profile on a later page", async () => {
  mock.seed(
    projectId,
    Array.from({ length: 45 }, (_, i) => ({ name: `agent-${i}` })),
  );
  const found = await ensureProfile(pgbeam, projectId, "agent-44");
  expect(found.name).toBe("agent-44");
  expect(mock.profiles(projectId)).toHaveLength(45);
});

test("survives a rate limit and a lost answer without creating twice", async () => {
  mock.faults.next("listPolicyProfiles", { status: 429, retryAfter: 0 });
  mock.faults.next("createPolicyProfile", { when: "after", reset: true });
  const created = await ensureProfile(pgbeam, projectId, "support");
  expect(mock.profiles(projectId)).toEqual([created]);
});

test("a draft blocks what it should, judged like the service would", async () => {
  const verdict = await pgbeam.policies.dryEvalPolicy(projectId, {
    sql: "UPDATE tickets SET status = 'closed'",
    policy: { name: "draft", access_mode: "read_write" },
  });
  expect(verdict).toMatchObject({ verdict: "block", rule: "whereless_write" });
});
