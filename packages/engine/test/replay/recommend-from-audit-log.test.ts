import { expect, test } from "vitest";
import { recommendFromAuditLog, rowsPercentile } from "../../src/index.js";
import { percentileOfCounts } from "../../src/recommend/percentile.js";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute)).toISOString();

test("the tightest profile for what one credential ran, replayed over the same traffic", async () => {
  const entries = [
    ...Array.from({ length: 12 }, (_, i) => ({
      event: "query",
      ts: at(i),
      credential_id: "agt_a",
      sql: `SELECT id FROM orders WHERE id = ${i}`,
      rows_returned: i,
    })),
    { event: "blocked", ts: at(20), credential_id: "agt_a", sql: "DELETE FROM orders" },
    { event: "query", ts: at(21), credential_id: "agt_b", sql: "SELECT * FROM secrets" },
  ];
  const { recommendation } = await recommendFromAuditLog(entries, { credential_id: "agt_a" });
  expect(recommendation).toMatchObject({
    sufficient_history: true,
    observed_queries: 1,
    observed_entries: 13,
    window_start: at(0),
    candidate: {
      access_mode: "read_only",
      table_allowlist: ["orders"],
      statement_rules: { allow: ["select"] },
      max_rows: 11,
    },
  });
  expect(recommendation.replay?.summary).toMatchObject({ newly_blocked: 0, evaluated: 2 });
  const few = await recommendFromAuditLog(entries.slice(0, 3), {
    credential_id: "agt_a",
    windowLabel: "in the export",
  });
  expect(few.recommendation.message).toBe(
    "agt_a ran 3 parseable statements in the export (blocked attempts excluded); a recommendation needs at least 10.",
  );
});

test("the nearest-rank percentile of counted values", () => {
  expect(rowsPercentile).toBe(99);
  expect(
    percentileOfCounts(
      new Map([
        [5, 99],
        [1000, 1],
      ]),
      99,
    ),
  ).toBe(5);
  expect(
    percentileOfCounts(
      new Map([
        [5, 98],
        [1000, 2],
      ]),
      99,
    ),
  ).toBe(1000);
  expect(percentileOfCounts(new Map([[7, 1]]), 99)).toBe(7);
});
