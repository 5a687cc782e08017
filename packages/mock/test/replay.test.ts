// replayPolicy over recorded traffic, judged by the offline engine.
import { describe, expect, test } from "vitest";
import { createPolicyMock } from "../src/index.js";
import { clientFor } from "./helpers.js";

const project = "prj_replay";
const now = new Date("2026-11-26T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

function recordedMock() {
  const mock = createPolicyMock({ now: () => now });
  mock.record(project, [
    { sql: "SELECT id FROM tickets WHERE id = 1", at: hoursAgo(1), credential_id: "cred_a" },
    { sql: "SELECT id FROM tickets WHERE id = 2", at: hoursAgo(2), credential_id: "cred_a" },
    { sql: "SELECT id FROM tickets WHERE id = 3", at: hoursAgo(3), credential_id: "cred_b" },
    {
      sql: "UPDATE tickets SET status = 'x' WHERE id = 4",
      at: hoursAgo(4),
      credential_id: "cred_a",
    },
    {
      sql: "DROP TABLE tickets",
      at: hoursAgo(5),
      recorded_event: "blocked",
      recorded_rule: "destructive_ddl",
    },
    {
      sql: "SELECT * FROM secrets",
      at: hoursAgo(6),
      recorded_event: "blocked",
      recorded_rule: "table_denied",
    },
    { sql: "SELEC broken", at: hoursAgo(7) },
    { sql: "SELECT 1", at: hoursAgo(24 * 8) },
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

  test("record refuses entries it cannot store, saying why", () => {
    const mock = createPolicyMock();
    expect(() => mock.record(project, [{ sql: 1 } as never])).toThrow(
      "record: every entry needs sql (a string).",
    );
    expect(() => mock.record(project, [{ sql: "SELECT 1", at: "yesterday" }])).toThrow(
      "record: at yesterday is not a date.",
    );
  });
});
