import { holdsForApproval } from "@pgbeam/policies-validators/policy";
import type { StatementFacts } from "./facts.js";
import type { PolicyIndex } from "./policy.js";

/** Caveats about what one statement cannot decide: budgets, approvals, write routing, runtime caps. */
export function policyNotes(facts: readonly StatementFacts[], policy: PolicyIndex): string[] {
  const p = policy.profile;
  const notes: string[] = [];
  const writes = facts.some((f) => f.effect === "write" || f.writes.length > 0);
  const ddl = facts.some((f) => f.effect === "ddl");
  const returnsRows = facts.some(
    (f) => !f.planOnly && (f.kind === "select" || f.writes.length > 0),
  );

  if (writes && p.write_mode === "rollback")
    notes.push("write_mode is rollback: the write would run and then be rolled back.");
  if ((writes || ddl) && p.write_mode === "sandbox")
    notes.push(
      "write_mode is sandbox: the write would run on an ephemeral branch, not the live database.",
    );
  if (holdsForApproval(p, { writes, ddl })) {
    const auto =
      p.approval_auto_max_rows > 0
        ? `, unless it touches at most ${p.approval_auto_max_rows} rows`
        : "";
    notes.push(
      `approval_mode is ${p.approval_mode}: the statement would wait up to ${p.approval_timeout_seconds} s for a human approval${auto}.`,
    );
  }
  if (writes && p.max_affected_rows > 0) {
    notes.push(
      `max_affected_rows is ${p.max_affected_rows}: the rows a write affects are counted when it runs, and it is rolled back and blocked above that.`,
    );
  }
  if (returnsRows && p.max_rows > 0)
    notes.push(`max_rows is ${p.max_rows}: at most that many rows come back.`);
  if (p.statement_timeout_ms > 0)
    notes.push(
      `statement_timeout_ms is ${p.statement_timeout_ms}: the statement is cancelled if it runs longer.`,
    );
  if (p.budget_queries_per_hour > 0 || p.budget_queries_per_day > 0) {
    notes.push(
      "The statement counts against the credential's query budget; whether the budget is spent depends on earlier traffic.",
    );
  }
  if (p.egress_bytes_per_day > 0)
    notes.push(
      "The rows returned count against the daily egress budget, which depends on earlier traffic.",
    );
  for (const hazard of facts.flatMap((f) => f.lockTaking)) {
    if (p.migration_safety === "warn") notes.push(`migration_safety warns: ${hazard}.`);
  }
  if (facts.some((f) => f.kinds.includes("other"))) {
    notes.push(
      "The statement is none of the ten statement kinds (it runs code or takes locks), so it is judged as a write.",
    );
  }
  return notes;
}
