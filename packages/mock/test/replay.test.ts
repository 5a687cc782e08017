// replayPolicy over recorded traffic, judged by the offline engine.
import { describe, expect, test } from "vitest";
import { createPolicyMock } from "../src/index.js";
import { apiKey, clientFor } from "./helpers.js";

const project = "prj_replay";
const now = new Date("2026-11-26T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

function recordedMock() {
  const mock = createPolicyMock({ now: () => now });
  mock.record(project, [
    { sql: "SELECT id FROM tickets WHERE id = 1", ts: hoursAgo(1), credential_id: "cred_a" },
    { sql: "SELECT id FROM tickets WHERE id = 2", ts: hoursAgo(2), credential_id: "cred_a" },
    { sql: "SELECT id FROM tickets WHERE id = 3", ts: hoursAgo(3), credential_id: "cred_b" },
    {
      sql: "UPDATE tickets SET status = 'x' WHERE id = 4",
      ts: hoursAgo(4),
      credential_id: "cred_a",
    },
    {
      sql: "DROP TABLE tickets",
      ts: hoursAgo(5),
      event: "blocked",
      decision_rule: "destructive_ddl",
    },
    {
      sql: "SELECT * FROM secrets",
      ts: hoursAgo(6),
      event: "blocked",
      decision_rule: "table_denied",
    },
    { sql: "SELEC broken", ts: hoursAgo(7) },
    { sql: "SELECT 1", ts: hoursAgo(24 * 8) },
  ]);
  return mock;
}

describe("replayPolicy", () => {
  test("groups by fingerprint, compares with what was recorded, and orders changes first", async () => {
    const mock = recordedMock();
    const { policies } = clientFor(mock);
    const result = await policies.replayPolicy(project, {
      policy: { name: "draft", access_mode: "read_only" },
    });
    expect(result.summary).toEqual({
      entries_scanned: 7,
      distinct_queries: 4,
      evaluated: 4,
      would_allow: 2,
      would_block: 2,
      would_mask: 0,
      would_row_filter: 0,
      newly_blocked: 1,
      newly_allowed: 1,
      skipped_unparseable: 1,
      truncated: false,
      traffic_scope: "project",
    });
    expect(result.items.map((item) => [item.change, item.occurrences, item.sql])).toEqual([
      ["newly_blocked", 1, "UPDATE tickets SET status = $1 WHERE id = $2"],
      ["newly_allowed", 1, "SELECT * FROM secrets"],
      ["still_allowed", 3, "SELECT id FROM tickets WHERE id = $1"],
      ["still_blocked", 1, "DROP TABLE tickets"],
    ]);
    const tickets = result.items[2];
    expect(tickets).toMatchObject({
      first_seen: hoursAgo(3),
      last_seen: hoursAgo(1),
      recorded_event: "query",
      statement_kind: "select",
      result: { verdict: "allow", rule: "ok" },
    });
    expect(result.items[3]).toMatchObject({
      recorded_rule: "destructive_ddl",
      result: { rule: "destructive_ddl" },
    });
  });

  test("a saved policy, one credential's traffic, a window and a limit", async () => {
    const mock = recordedMock();
    const [saved] = mock.seed(project, [{ name: "rw", access_mode: "read_write" }]);
    const { policies } = clientFor(mock);
    const mine = await policies.replayPolicy(project, {
      policy_id: saved?.id as string,
      credential_id: "cred_a",
    });
    expect(mine.summary).toMatchObject({
      entries_scanned: 3,
      distinct_queries: 2,
      would_allow: 2,
      newly_blocked: 0,
    });
    const window = await policies.replayPolicy(project, {
      policy_id: saved?.id as string,
      start_ts: hoursAgo(3.5),
      end_ts: hoursAgo(1),
    });
    expect(window.summary.entries_scanned).toBe(2);
    const limited = await policies.replayPolicy(project, {
      policy_id: saved?.id as string,
      limit: 1,
    });
    expect(limited.summary).toMatchObject({ evaluated: 1, truncated: true });
    expect(limited.items[0]?.sql).toBe("SELECT id FROM tickets WHERE id = $1");
    await expect(
      policies.replayPolicy(project, { policy_id: "pol_missing" }),
    ).rejects.toMatchObject({ status: 404 });
  });

  test("bound_policy_id replays only the traffic of the credentials attached to that profile", async () => {
    const mock = recordedMock();
    const [live, unbound] = mock.seed(project, [{ name: "live" }, { name: "unbound" }]);
    mock.attach(project, live?.id as string, "cred_a");
    const { policies } = clientFor(mock);
    const bound = await policies.replayPolicy(project, {
      policy: { name: "draft", access_mode: "read_write" },
      bound_policy_id: live?.id as string,
    });
    expect(bound.summary).toMatchObject({
      entries_scanned: 3,
      traffic_scope: "bound_credentials",
      bound_credentials: 1,
    });
    const none = await policies.replayPolicy(project, {
      policy_id: live?.id as string,
      bound_policy_id: unbound?.id as string,
    });
    expect(none.summary).toMatchObject({ entries_scanned: 0, bound_credentials: 0 });
    await expect(
      policies.replayPolicy(project, {
        policy_id: live?.id as string,
        bound_policy_id: "pol_none",
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  test("credential_id with bound_policy_id is a 400 naming both fields", async () => {
    const mock = recordedMock();
    const [live] = mock.seed(project, [{ name: "live" }]);
    const response = await mock.fetch(
      `https://api.pgbeam.com/v1/projects/${project}/policy-replays`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({
          policy_id: live?.id,
          credential_id: "cred_a",
          bound_policy_id: live?.id,
        }),
      },
    );
    const problem = await response.json();
    expect([response.status, problem.code]).toEqual([400, "INVALID_INPUT"]);
    expect((problem.errors as { field: string }[]).map((e) => e.field)).toEqual([
      "credential_id",
      "bound_policy_id",
    ]);
  });

  test("recorded traffic keeps the AuditLogEntry fields it was given, unknown ones too", async () => {
    const mock = createPolicyMock({ now: () => now });
    const exported = {
      id: "aud_1",
      sql: "SELECT 1",
      ts: hoursAgo(1),
      credential_id: "cred_a",
      event: "truncated",
      rows_returned: 500,
      region: "eu-west-1",
      future_field: { kept: true },
    };
    mock.record(project, [exported]);
    const result = await clientFor(mock).policies.replayPolicy(project, {
      policy: { name: "d" },
    });
    expect(result.items[0]?.recorded_event).toBe("truncated");
    expect(mock.snapshot().data.projects.get(project)?.traffic[0]?.entry).toEqual({
      ...exported,
      project_id: project,
    });
  });

  test("record refuses entries it cannot store, naming the project, the index and the field", () => {
    const mock = createPolicyMock();
    expect(() => mock.record(project, [{ sql: "SELECT 1" }, { sql: 1 } as never])).toThrow(
      "record(prj_replay)[1]: sql must be a string (got 1).",
    );
    expect(() => mock.record(project, [{ sql: "SELECT 1", ts: "yesterday" }])).toThrow(
      'record(prj_replay)[0]: ts must be an RFC 3339 date-time (got "yesterday").',
    );
    expect(() => mock.record(project, [{ sql: "SELECT 1", rows_returned: -1 }])).toThrow(
      "record(prj_replay)[0]: rows_returned must be a whole number of 0 or more (got -1).",
    );
    expect(mock.snapshot().data.projects.get(project)?.traffic ?? []).toEqual([]);
  });
});
