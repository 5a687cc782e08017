import { describe, expect, test } from "vitest";
import { createEngine, readJsonLines, replayAuditLog } from "../../src/index.js";
import { sampleEntries } from "./traffic.js";

const readOnly = { name: "review", access_mode: "read_only" as const };

describe("replayAuditLog", () => {
  test("groups by fingerprint, compares with the recorded event, counts what it cannot read", async () => {
    const { result, skipped } = await replayAuditLog(sampleEntries(), { policy: readOnly });
    expect(result.summary).toEqual({
      entries_scanned: 7,
      distinct_queries: 4,
      evaluated: 4,
      would_allow: 2,
      would_block: 2,
      would_mask: 0,
      would_row_filter: 0,
      newly_blocked: 1,
      newly_allowed: 0,
      skipped_unparseable: 2,
      truncated: false,
      traffic_scope: "project",
    });
    expect(result.items.map((item) => [item.change, item.occurrences, item.sql])).toEqual([
      ["newly_blocked", 1, "UPDATE tickets SET status = $1 WHERE id = $2"],
      ["still_allowed", 2, "SELECT * FROM tickets WHERE id = $1"],
      ["still_blocked", 1, "DELETE FROM customers WHERE id = $1"],
      ["still_allowed", 1, "SELECT email FROM customers"],
    ]);
    expect(result.items[1]).toMatchObject({
      first_seen: "2026-11-24T10:01:00.000Z",
      last_seen: "2026-11-24T10:02:00.000Z",
      recorded_event: "query",
      statement_kind: "select",
    });
    expect(result.items[2]).toMatchObject({
      recorded_rule: "read_only",
      recorded_event: "blocked",
    });
    expect(skipped.byReason).toEqual({
      invalid_json: 0,
      invalid_entry: 0,
      no_sql: 1,
      unparseable_sql: 1,
    });
    expect(skipped.lines.map((line) => [line.line, line.reason])).toEqual([
      [7, "unparseable_sql"],
      [8, "no_sql"],
    ]);
  });

  test("query_hash groups entries and names the item; normalized_sql is judged when sql is cut off", async () => {
    const entries = [
      {
        event: "query",
        ts: "2026-11-24T10:00:00Z",
        query_hash: "h1",
        sql: "SELECT * FROM orders WHERE id = 1",
      },
      {
        event: "query",
        ts: "2026-11-24T10:01:00Z",
        query_hash: "h1",
        sql: "SELECT * FROM orders WHERE id = 2 AND (total >",
        normalized_sql: "SELECT * FROM orders WHERE id = $1",
      },
      {
        event: "query",
        ts: "2026-11-24T10:02:00Z",
        query_hash: "h2",
        sql: "SELECT * FROM secrets WHERE",
      },
    ];
    const { result, skipped } = await replayAuditLog(entries, {
      policy: { name: "deny", table_denylist: ["secrets"] },
    });
    expect(result.items.map((item) => [item.query_hash, item.sql, item.occurrences])).toEqual([
      ["h1", "SELECT * FROM orders WHERE id = $1", 2],
    ]);
    expect(skipped.byReason.unparseable_sql).toBe(1);
    expect(skipped.lines[0]?.line).toBe(3);
    expect(result.summary).toMatchObject({ distinct_queries: 1, skipped_unparseable: 1 });
  });

  test("the window, one credential, the credentials bound to a profile, a limit", async () => {
    const window = await replayAuditLog(sampleEntries(), {
      policy: readOnly,
      start_ts: "2026-11-24T10:02:00Z",
      end_ts: "2026-11-24T10:05:00Z",
    });
    expect(window.result.summary.entries_scanned).toBe(3);
    const one = await replayAuditLog(sampleEntries(), { policy: readOnly, credential_id: "agt_b" });
    expect(one.result.summary).toMatchObject({ entries_scanned: 2, traffic_scope: "project" });
    const bound = await replayAuditLog(sampleEntries(), {
      policy: readOnly,
      bound_credentials: ["agt_b", "agt_c"],
    });
    expect(bound.result.summary).toMatchObject({
      entries_scanned: 2,
      traffic_scope: "bound_credentials",
      bound_credentials: 2,
    });
    const limited = await replayAuditLog(sampleEntries(), { policy: readOnly, limit: 1 });
    expect(limited.result.summary).toMatchObject({ evaluated: 1, truncated: true });
    expect(limited.result.items[0]?.sql).toBe("UPDATE tickets SET status = $1 WHERE id = $2");
    await expect(
      replayAuditLog([], { policy: readOnly, credential_id: "a", bound_credentials: [] }),
    ).rejects.toThrow(/credential_id or bound_credentials/);
    await expect(replayAuditLog([], { policy: readOnly, limit: 0 })).rejects.toThrow(/limit/);
  });

  test("JSON Lines, plain or gzip: bad lines are counted with their numbers, never thrown", async () => {
    const lines = [
      JSON.stringify(sampleEntries()[0]),
      "{not json",
      "",
      "[1, 2]",
      JSON.stringify({ event: "query", ts: "yesterday", sql: "SELECT 1" }),
      JSON.stringify(sampleEntries()[1]),
    ].join("\r\n");
    const bytes = new TextEncoder().encode(lines);
    const gzipped = new Uint8Array(
      await new Response(
        new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip")),
      ).arrayBuffer(),
    );
    for (const body of [bytes, gzipped]) {
      const { result, skipped, entriesRead } = await replayAuditLog(
        readJsonLines(new Blob([body]).stream()),
        { policy: readOnly, maxReportedLines: 2 },
      );
      expect(entriesRead).toBe(5);
      expect(result.items).toHaveLength(1);
      expect(result.items[0]?.occurrences).toBe(2);
      expect(skipped.total).toBe(3);
      expect(skipped.byReason).toMatchObject({ invalid_json: 1, invalid_entry: 2 });
      expect(skipped.lines.map((line) => line.line)).toEqual([2, 4]);
    }
  });

  test("the same answer as evaluate on each shape", async () => {
    const engine = await createEngine();
    const { result } = await replayAuditLog(sampleEntries(), { policy: readOnly, engine });
    const parsed = sampleEntries().filter((entry) => entry.sql?.startsWith("SELEC ") === false);
    for (const item of result.items) {
      const newest = parsed.filter(
        (entry) => engine.fingerprint(entry.sql ?? "").hash === item.query_hash,
      );
      expect(item.result).toEqual(engine.evaluate(newest.at(-1)?.sql ?? "", readOnly));
    }
  });
});
