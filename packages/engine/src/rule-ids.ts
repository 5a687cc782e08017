// The one catalogue of the rule ids a refusal can carry. Every refusal names one of these; the
// engine README lists them with the same meanings.

/** Every rule id the engine answers with, and what it means. */
export const ruleIds = {
  ok: "The statement is allowed (verdict allow, mask or row-filter).",
  sql_too_long: "The SQL is longer than PgBeam evaluates.",
  parse_error: "PostgreSQL's parser refused the SQL, or it is nested too deeply to inspect.",
  empty: "The SQL holds no statement.",
  engine_error: "The engine failed on the statement; it refuses rather than guess.",
  unsupported_construct: "The statement holds a parse node the engine has no rule for.",
  whereless_write: "An UPDATE or DELETE without WHERE.",
  destructive_ddl: "DROP TABLE/SCHEMA, TRUNCATE, DROP COLUMN and other data-destroying DDL.",
  read_only:
    "The policy is read_only and the statement (or code it runs) is not known to be read-only.",
  locking_select: "SELECT … FOR UPDATE/SHARE under read_only.",
  statement_denied: "The statement's kind is in statement_rules.deny.",
  statement_not_allowed: "The statement's kind is not in statement_rules.allow.",
  table_denied: "The statement reaches a relation of table_denylist.",
  table_not_allowed: "The statement reaches a relation outside table_allowlist.",
  unknown_code:
    "A function, operator, cast or type that is not PostgreSQL's own (pg_catalog) runs where the policy keeps something in.",
  unsafe_function:
    "A built-in function not known safe (it reads relations, files or server state) runs where the policy keeps something in.",
  sql_in_string: "A built-in function that runs SQL or reads a relation named in a string.",
  user_defined_code:
    "The statement defines or changes code (function, operator, cast, aggregate, trigger, type…) while the policy keeps something in.",
  stored_expression:
    "DDL that stores an expression or reference (index, statistics, rule, policy, constraint, default…) over protected data.",
  catalog_write:
    "The statement writes server configuration or a system catalog (ALTER SYSTEM, pg_settings).",
  session_setting: "The statement changes a setting that changes how later statements are read.",
  row_filter_input: "The statement changes a setting a row filter's predicate reads.",
  statistics_view: "The statement reads sampled column values (pg_stats and friends).",
  opaque_code: "A DO block or a function body given as a string: code the engine cannot read.",
  protected_relation_rename: "The statement renames or moves a protected relation or schema.",
  masked_column_expression:
    "The statement computes on a masked value (its result or error would show it).",
  masked_column_copy: "The statement copies a masked value somewhere no mask covers.",
  masked_column_rename:
    "The statement renames a masked column, or its table, or renames it by position.",
  masked_row_image:
    "A write to a table with masked columns that can fail with the whole row (masked values included) in the error.",
  row_filter_unsafe: "The row filter's predicate cannot be applied safely.",
  row_filter_unsupported:
    "The statement reaches a row-filtered relation where the filter cannot be placed.",
  max_affected_rows_writable_cte: "A write inside WITH under max_affected_rows.",
  migration_block: "A schema change that takes a blocking lock under migration_safety block.",
} as const satisfies Record<string, string>;

/** A rule id of the catalogue. */
export type RuleId = keyof typeof ruleIds;
