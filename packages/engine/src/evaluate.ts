import type { DryEvalResult, MaskedColumn } from "@pgbeam/policies-types";
import { dryEvalSqlMaxLength } from "@pgbeam/policies-validators";
import { deparseSync } from "pgsql-deparser";
import type { AstObject } from "./ast.js";
import type { Refusal } from "./decision.js";
import { type StatementFacts, statementFacts } from "./facts.js";
import { hazardRefusal } from "./hazards.js";
import { applyMasking } from "./masking.js";
import { policyNotes } from "./notes.js";
import { parseSql } from "./parser.js";
import type { PolicyIndex } from "./policy.js";
import { injectRowFilters } from "./row-filter.js";
import type { RuleId } from "./rule-ids.js";
import { storedExpressionRefusal } from "./stored-expressions.js";
import { catalogWriteRefusal, rowImageRefusal } from "./write-refusals.js";

/** Evaluates SQL text (one statement or a batch) against a compiled policy; never throws. */
export function evaluateSql(sql: string, policy: PolicyIndex): DryEvalResult {
  if (sql.length > dryEvalSqlMaxLength && [...sql].length > dryEvalSqlMaxLength) {
    return blocked({
      rule: "sql_too_long",
      reason: `The SQL is longer than the ${dryEvalSqlMaxLength} characters PgBeam evaluates.`,
      hint: "Send one statement at a time, shorter than the limit.",
    });
  }
  const parsed = sql.length === 0 ? { ok: true as const, statements: [] } : parseSql(sql);
  if (!parsed.ok) {
    const at = parsed.position === undefined ? "" : ` at character ${parsed.position + 1}`;
    return blocked({
      rule: "parse_error",
      reason: `PostgreSQL's parser refused the SQL${at}: ${parsed.message}.`,
      hint: "Fix the syntax; PgBeam blocks anything it cannot parse.",
    });
  }
  if (parsed.statements.length === 0) {
    return blocked({
      rule: "empty",
      reason: "The SQL holds no statement (it is empty or only comments).",
      hint: "Send a SQL statement.",
    });
  }
  try {
    return decide(parsed.statements, policy);
  } catch (error) {
    if (error instanceof RangeError) {
      return blocked({
        rule: "parse_error",
        reason: "The statement is nested too deeply to evaluate.",
        hint: "Flatten the statement; PgBeam blocks what it cannot fully inspect.",
      });
    }
    return blocked({
      rule: "engine_error",
      reason: `The statement could not be evaluated (${error instanceof Error ? error.message : String(error)}).`,
      hint: "Report this statement to the SDK maintainers; PgBeam's engine fails closed the same way.",
    });
  }
}

function decide(statements: AstObject[], policy: PolicyIndex): DryEvalResult {
  const facts = statements.map(statementFacts);
  const masked = new Map<string, MaskedColumn>();
  let filtersOnMasked = false;
  for (const statement of facts) {
    const refusal = checkStatement(statement, policy);
    if (refusal !== undefined) return blocked(refusal);
    const masking = applyMasking(statement, policy.masks);
    if (masking.refusal !== undefined) return blocked(masking.refusal);
    const stored = storedExpressionRefusal(statement, policy) ?? rowImageRefusal(statement, policy);
    if (stored !== undefined) return blocked(stored);
    for (const column of masking.columns) masked.set(`${column.column}:${column.kind}`, column);
    filtersOnMasked ||= masking.filtersOnMasked;
  }
  const notes = policyNotes(facts, policy);
  if (filtersOnMasked) {
    notes.push(
      "A filter, join or ordering reads a masked column: the values stay masked, but which rows match can reveal them.",
    );
  }
  const columns = [...masked.keys()].sort().map((key) => masked.get(key) as MaskedColumn);
  const filtered = facts.some((f) =>
    f.relations.some((reference) => policy.rowFilters.has(reference.key)),
  );
  const rewritten = filtered ? rowFiltered(statements, policy) : undefined;
  if (rewritten?.refusal !== undefined) return blocked(rewritten.refusal);
  for (const table of rewritten?.unfilteredInserts ?? []) {
    notes.push(`Rows inserted into ${table} are not checked against its row filter.`);
  }
  const withNotes = <T extends DryEvalResult>(result: T): T =>
    notes.length > 0 ? { ...result, notes } : result;
  if (rewritten !== undefined && rewritten.predicates.length > 0) {
    return withNotes({
      verdict: "row-filter",
      rule: "ok",
      reason: `The statement is allowed, reading only the rows the row filter on ${rewritten.tables.join(", ")} permits.`,
      masked_columns: columns,
      row_filter_predicate: rewritten.predicates.join(" AND "),
      rewritten_sql: rewritten.sql,
    });
  }
  if (columns.length > 0) {
    const list = columns.map((c) => `${c.column} (${c.kind})`).join(", ");
    return withNotes({
      verdict: "mask",
      rule: "ok",
      reason: `The statement is allowed, with masked columns: ${list}.`,
      masked_columns: columns,
    });
  }
  return withNotes({
    verdict: "allow",
    rule: "ok",
    reason: "The statement is allowed by the policy.",
  });
}

/** The first of the policy's refusals that applies, in PgBeam's order of precedence. */
function checkStatement(facts: StatementFacts, policy: PolicyIndex): Refusal | undefined {
  const p = policy.profile;
  if (facts.unsupported !== undefined) {
    return refusal(
      "unsupported_construct",
      `The statement holds a ${facts.unsupported} node, which the engine has no rule for; it refuses what it cannot judge.`,
      "Rewrite the statement without that construct, or report it to the SDK maintainers.",
    );
  }
  const whereless = facts.writes.find((write) => write.whereless);
  if (whereless !== undefined) {
    return refusal(
      "whereless_write",
      `The ${whereless.kind.toUpperCase()} on ${whereless.relation} has no WHERE clause, so the rows it changes cannot be bounded.`,
      "Add a WHERE clause that selects the rows to change.",
    );
  }
  if (facts.destructive !== undefined) {
    return refusal(
      "destructive_ddl",
      `The statement is destructive: ${facts.destructive}.`,
      "Run destructive schema changes through a reviewed migration, not an agent session.",
    );
  }
  if (p.access_mode === "read_only") {
    if (facts.effect === "write" || facts.effect === "ddl") {
      const what =
        [
          ...facts.kinds.filter((kind) => kind !== "select" && kind !== "explain"),
          ...facts.writingCalls,
        ].join(", ") || facts.kind;
      return refusal(
        "read_only",
        `The policy is read-only and the statement changes data or schema (${what}).`,
        "Use a read-only statement, or a credential whose policy is read_write.",
      );
    }
    if (facts.locking) {
      return refusal(
        "locking_select",
        "The policy is read-only and SELECT … FOR UPDATE/SHARE takes row locks, which is a write for policy purposes.",
        "Drop the FOR UPDATE / FOR SHARE clause.",
      );
    }
  }
  const catalogWrite = catalogWriteRefusal(facts);
  if (catalogWrite !== undefined) return catalogWrite;
  const denied = facts.kinds.find((kind) => policy.denyKinds.has(kind));
  if (denied !== undefined) {
    return refusal(
      "statement_denied",
      `Statements of kind ${denied} are denied by the policy's statement_rules.deny.`,
      `Use a statement of another kind than ${denied}.`,
    );
  }
  if (policy.allowKinds.size > 0) {
    const notAllowed = facts.kinds.find((kind) => !policy.allowKinds.has(kind));
    if (notAllowed !== undefined) {
      const allowed = [...policy.allowKinds].join(", ");
      return refusal(
        "statement_not_allowed",
        `Statements of kind ${notAllowed} are not in the policy's statement_rules.allow.`,
        `Use one of the allowed kinds: ${allowed}.`,
      );
    }
  }
  const deniedRelation = facts.relations.find((reference) => policy.lists.denies(reference.name));
  if (deniedRelation !== undefined) {
    return refusal(
      "table_denied",
      `The statement reaches ${deniedRelation.name}, which the policy's table_denylist blocks.`,
      `Leave ${deniedRelation.name} out of the statement.`,
    );
  }
  {
    const outside = facts.relations.find((reference) => policy.lists.excludes(reference.name));
    if (outside !== undefined) {
      const allowed = (p.table_allowlist ?? []).join(", ");
      return refusal(
        "table_not_allowed",
        `The statement reaches ${outside.name}, which is not in the policy's table_allowlist.`,
        `Use only the allowed relations: ${allowed}.`,
      );
    }
  }
  const hazard = hazardRefusal(facts, policy);
  if (hazard !== undefined) return hazard;
  if (p.max_affected_rows > 0 && facts.writes.some((write) => write.inCte)) {
    return refusal(
      "max_affected_rows_writable_cte",
      "The policy caps affected rows, and a write inside a WITH clause reports no row count the cap could check.",
      "Run the write as its own statement so its affected rows can be counted.",
    );
  }
  if (p.migration_safety === "block" && facts.lockTaking.length > 0) {
    return refusal(
      "migration_block",
      `The schema change takes a blocking lock: ${facts.lockTaking[0]}.`,
      "Use the lock-free form of the change.",
    );
  }
  return undefined;
}

/** Injects the row filters into the statements (in place: they were parsed for this call alone). */
function rowFiltered(statements: AstObject[], policy: PolicyIndex) {
  const outcome = injectRowFilters(statements, policy.rowFilters);
  if (outcome.refusal !== undefined)
    return { predicates: [], tables: [], sql: "", unfilteredInserts: [], refusal: outcome.refusal };
  if (outcome.applied.length === 0)
    return { predicates: [], tables: [], sql: "", unfilteredInserts: outcome.unfilteredInserts };
  // Not parsed again here: the tests check that rewritten SQL always re-parses.
  const sql = statements.map((statement) => deparseSync(statement, { pretty: false })).join(";\n");
  const predicates = [...new Set(outcome.applied.map((filter) => filter.predicate.trim()))];
  return {
    predicates: predicates.length > 1 ? predicates.map((p) => `(${p})`) : predicates,
    tables: [...new Set(outcome.applied.map((filter) => filter.table))],
    sql,
    unfilteredInserts: outcome.unfilteredInserts,
  };
}

function refusal(rule: RuleId, reason: string, hint: string): Refusal {
  return { rule, reason, hint };
}

function blocked(refusal: Refusal): DryEvalResult {
  return { verdict: "block", rule: refusal.rule, reason: refusal.reason, hint: refusal.hint };
}
