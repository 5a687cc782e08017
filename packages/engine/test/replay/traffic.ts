import type { AuditLogEntry } from "../../src/index.js";

/** A small recorded traffic: two credentials, reads, a write, a blocked attempt, bad lines. */
export function sampleEntries(): AuditLogEntry[] {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute)).toISOString();
  return [
    {
      event: "query",
      ts: at(1),
      credential_id: "agt_a",
      sql: "SELECT * FROM tickets WHERE id = 1",
      rows_returned: 1,
    },
    {
      event: "query",
      ts: at(2),
      credential_id: "agt_a",
      sql: "SELECT * FROM tickets WHERE id = 2",
      rows_returned: 1,
    },
    {
      event: "masked",
      ts: at(3),
      credential_id: "agt_b",
      sql: "SELECT email FROM customers",
      rows_returned: 30,
    },
    {
      event: "blocked",
      ts: at(4),
      credential_id: "agt_b",
      sql: "DELETE FROM customers WHERE id = 7",
      decision_rule: "read_only",
    },
    {
      event: "query",
      ts: at(5),
      credential_id: "agt_a",
      sql: "UPDATE tickets SET status = 'closed' WHERE id = 3",
    },
    { event: "auth_failed", ts: at(6), credential_id: "agt_a" },
    { event: "query", ts: at(7), credential_id: "agt_a", sql: "SELEC oops" },
    { event: "query", ts: at(8), credential_id: "agt_a" },
  ];
}
