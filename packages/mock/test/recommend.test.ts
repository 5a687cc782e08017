// recommendAgentPolicy computed from recorded traffic: writes, masked reads and blocked attempts.

import { minimumStatements, rowsPercentile } from "@pgbeam/policies-engine";
import type { PolicyRecommendationInput } from "@pgbeam/policies-types";
import { describe, expect, test } from "vitest";
import { createPolicyMock, type PolicyMock, type RecordedAuditEntry } from "../src/index.js";
import { clientFor } from "./helpers.js";

const project = "prj_recommend";
const agent = "agt_reader";
const now = new Date("2026-12-01T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

/** `count` entries of one SQL shape, a day apart, with row counts 1, 2, … */
function runs(sql: (i: number) => string, count: number, extra: Partial<RecordedAuditEntry> = {}) {
  return Array.from({ length: count }, (_, i) => ({
    sql: sql(i),
    ts: daysAgo(i + 1),
    credential_id: agent,
    rows_returned: i + 1,
    ...extra,
  }));
}

function recommendFor(mock: PolicyMock, agentId = agent, body?: PolicyRecommendationInput) {
  return clientFor(mock).policies.recommendAgentPolicy(project, agentId, body);
}

describe("recommendAgentPolicy", () => {
  test("a reader: the relations and kinds it ran, read_only, max_rows from the 99th percentile; blocked attempts and other credentials left out", async () => {
    const mock = createPolicyMock({ now: () => now });
    const [live] = mock.seed(project, [
      {
        name: "live",
        table_allowlist: ["orders", "customers", "sales.invoices", "secrets"],
        masking_rules: [{ table: "customers", column: "email", kind: "hash" }],
      },
    ]);
    mock.attach(project, live?.id as string, agent);
    mock.record(project, [
      ...runs((i) => `SELECT id, total FROM orders WHERE id = ${i}`, 8),
      ...runs((i) => `SELECT email FROM customers WHERE id = ${i}`, 4, { event: "masked" }),
      ...runs(() => "SELECT * FROM sales.invoices JOIN orders USING (id)", 2, {
        rows_returned: 900,
      }),
      { sql: "SELECT * FROM secrets", ts: daysAgo(1), credential_id: agent, event: "blocked" },
      { sql: "DROP TABLE orders", ts: daysAgo(2), credential_id: agent, event: "blocked" },
      {
        sql: "DELETE FROM other_agents_table WHERE id = 1",
        ts: daysAgo(1),
        credential_id: "agt_x",
      },
      { sql: "SELECT 1 FROM too_old", ts: daysAgo(40), credential_id: agent },
    ]);
    const result = await recommendFor(mock);
    expect(result).toMatchObject({
      sufficient_history: true,
      observed_queries: 3,
      observed_entries: 16,
      window_start: daysAgo(30),
      window_end: now.toISOString(),
      candidate: {
        access_mode: "read_only",
        table_allowlist: ["customers", "orders", "sales.invoices"],
        statement_rules: { allow: ["select"] },
        max_rows: 900,
        masking_rules: [{ table: "customers", column: "email", kind: "hash" }],
      },
    });
    expect(rowsPercentile).toBe(99);
    expect(result.replay?.summary).toMatchObject({ newly_blocked: 0, newly_allowed: 0 });
    expect(result.replay?.summary.would_mask).toBeGreaterThan(0);
    expect(result.replay?.summary.would_block).toBe(2); // the two blocked attempts stay blocked
    expect(result.notes?.join("\n")).toContain("99th percentile");
  });

  test("a writer: read_write and the write kinds it ran; every statement that ran still passes", async () => {
    const mock = createPolicyMock({ now: () => now });
    mock.record(project, [
      ...runs((i) => `SELECT * FROM tickets WHERE id = ${i}`, 6),
      ...runs((i) => `UPDATE tickets SET status = 'closed' WHERE id = ${i}`, 3),
      ...runs((i) => `INSERT INTO ticket_events (ticket_id) VALUES (${i})`, 3),
    ]);
    const result = await recommendFor(mock);
    expect(result.candidate).toMatchObject({
      access_mode: "read_write",
      table_allowlist: ["ticket_events", "tickets"],
      statement_rules: { allow: ["select", "insert", "update"] },
    });
    expect(result.replay?.summary.newly_blocked).toBe(0);
    expect(result.notes?.join("\n")).toContain("access_mode read_write");
  });

  test("a statement no allowlist can admit is reported: newly_blocked with a note saying why", async () => {
    const mock = createPolicyMock({ now: () => now });
    mock.record(project, [
      ...runs((i) => `SELECT * FROM logs WHERE id = ${i}`, minimumStatements),
      { sql: "DELETE FROM logs", ts: daysAgo(1), credential_id: agent },
    ]);
    const result = await recommendFor(mock);
    expect(result.replay?.summary.newly_blocked).toBe(1);
    expect(result.notes?.at(-1)).toMatch(
      /would be blocked by rules no allowlist relaxes: DELETE FROM logs/,
    );
  });

  test("too little history: sufficient_history false with a message, no candidate or replay", async () => {
    const mock = createPolicyMock({ now: () => now });
    mock.record(project, [
      ...runs((i) => `SELECT * FROM t WHERE id = ${i}`, 3),
      ...runs(() => "SELECT * FROM secrets", 20, { event: "blocked" }),
    ]);
    const result = await recommendFor(mock, agent, { lookback_days: 7 });
    expect(result).toEqual({
      sufficient_history: false,
      message: `${agent} ran 3 parseable statements in the last 7 days (blocked attempts excluded); a recommendation needs at least ${minimumStatements}.`,
      observed_queries: 1,
      observed_entries: 10,
      window_start: daysAgo(7),
      window_end: now.toISOString(),
    });
  });
});
