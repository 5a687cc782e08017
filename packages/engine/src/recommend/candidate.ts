import type { PolicyProfile, PolicyProfileInput } from "@pgbeam/policies-types";
import { statementKinds } from "@pgbeam/policies-validators";
import type { Observation } from "./observation.js";
import { percentileOfCounts } from "./percentile.js";

/** The fewest executed, parseable statements a recommendation is made from. */
export const minimumStatements = 10;

/** The percentile of recorded `rows_returned` that `max_rows` is set to (nearest rank). */
export const rowsPercentile = 99;

const plural = (count: number, word: string, many = `${word}s`) =>
  `${count} ${count === 1 ? word : many}`;

/**
 * The tightest profile that passes what was observed, with one note per tightening: the
 * allowlist is the relations reached, `statement_rules.allow` the kinds run, `read_only` when
 * nothing wrote, `max_rows` the 99th percentile of rows returned; masking rules, row filters and
 * the denylist are kept from the profile the credential is attached to (`current`).
 */
export function candidateFrom(
  credential: string,
  seen: Observation,
  current: PolicyProfile | PolicyProfileInput | undefined,
): { candidate: PolicyProfileInput; notes: string[] } {
  const notes: string[] = [];
  const relations = [...seen.relations].sort();
  const kinds = statementKinds.filter((kind) => seen.kinds.has(kind));
  const candidate: PolicyProfileInput = {
    name: `${credential}-recommended`.slice(0, 128),
    access_mode: seen.wrote ? "read_write" : "read_only",
    table_allowlist: relations,
  };
  notes.push(
    `table_allowlist: the ${plural(relations.length, "relation")} its ${seen.executed} executed statements reached.`,
  );
  notes.push(
    seen.wrote
      ? "access_mode read_write: it ran statements that change data or schema or lock rows."
      : "access_mode read_only: it never wrote.",
  );
  if (seen.unlisted.size === 0) {
    candidate.statement_rules = { allow: kinds };
    notes.push(`statement_rules.allow: the kinds it ran (${kinds.join(", ")}).`);
  } else {
    notes.push(
      `statement_rules left open: it ran statements of no listed kind (${[...seen.unlisted].join(", ")}), which an allow list would block.`,
    );
  }
  const counted = [...seen.rows.values()].reduce((sum, count) => sum + count, 0);
  if (counted > 0) {
    const cap = Math.max(1, percentileOfCounts(seen.rows, rowsPercentile));
    let over = 0;
    for (const [rows, count] of seen.rows) if (rows > cap) over += count;
    candidate.max_rows = cap;
    notes.push(
      `max_rows ${cap}: the ${rowsPercentile}th percentile (nearest rank) of rows_returned over ${counted} statements; ${over} returned more and would be truncated, not blocked.`,
    );
  }
  if (current !== undefined) {
    const from = "id" in current ? current.id : current.name;
    for (const field of ["masking_rules", "row_filters", "table_denylist"] as const) {
      const kept = current[field];
      if (kept !== undefined && kept.length > 0) {
        (candidate as Record<string, unknown>)[field] = kept;
        notes.push(`${field}: kept from ${from}, the profile the credential is attached to.`);
      }
    }
  } else if (seen.masked > 0) {
    notes.push(
      `${seen.masked} statements were masked by the live policy, but no current profile was given for ${credential}, so the candidate carries no masking_rules: add them before you apply it.`,
    );
  }
  return { candidate, notes };
}
