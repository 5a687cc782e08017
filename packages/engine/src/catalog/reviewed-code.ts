// The short, reviewed allowlist on top of PostgreSQL's own catalog (see the README's "Decisions").
// Immutable pg_catalog functions need no entry: PostgreSQL declares that they read nothing but
// their arguments. Everything else is refused where the policy keeps anything in, unless named here.

/**
 * Stable pg_catalog functions that read no table, sequence, file or server state that a policy
 * protects: dates and times (they read the TimeZone setting), formatting and JSON builders (they
 * call type output functions), text search parsers, and session facts (current_user, version).
 */
export const reviewedStableFunctions: ReadonlySet<string> = new Set([
  "age",
  "array_to_json",
  "array_to_string",
  "concat",
  "concat_ws",
  "convert",
  "convert_from",
  "convert_to",
  "current_database",
  "current_schema",
  "current_schemas",
  "current_setting",
  "current_user",
  "date",
  "date_add",
  "date_part",
  "date_subtract",
  "date_trunc",
  "enum_first",
  "enum_last",
  "enum_range",
  "extract",
  "format",
  "format_type",
  "generate_series",
  "getdatabaseencoding",
  "json_agg",
  "json_agg_strict",
  "json_build_array",
  "json_build_object",
  "json_object_agg",
  "json_object_agg_strict",
  "json_object_agg_unique",
  "json_object_agg_unique_strict",
  "json_populate_record",
  "json_populate_recordset",
  "json_to_record",
  "json_to_recordset",
  "json_to_tsvector",
  "jsonb_agg",
  "jsonb_agg_strict",
  "jsonb_build_array",
  "jsonb_build_object",
  "jsonb_path_exists_tz",
  "jsonb_path_match_tz",
  "jsonb_path_query_array_tz",
  "jsonb_path_query_first_tz",
  "jsonb_path_query_tz",
  "jsonb_populate_record",
  "jsonb_populate_record_valid",
  "jsonb_populate_recordset",
  "jsonb_to_record",
  "jsonb_to_recordset",
  "jsonb_to_tsvector",
  "length",
  "make_timestamptz",
  "money",
  "now",
  "numeric",
  "overlaps",
  "pg_typeof",
  "phraseto_tsquery",
  "plainto_tsquery",
  "quote_literal",
  "quote_nullable",
  "row_to_json",
  "session_user",
  "statement_timestamp",
  "system_user",
  "time",
  "timestamp",
  "timestamptz",
  "timetz",
  "timezone",
  "to_char",
  "to_date",
  "to_json",
  "to_jsonb",
  "to_number",
  "to_timestamp",
  "to_tsquery",
  "to_tsvector",
  "transaction_timestamp",
  "ts_headline",
  "version",
  "websearch_to_tsquery",
  "xml",
  "xml_is_well_formed",
]);

/** Volatile pg_catalog functions that only compute a fresh value: random numbers, clocks, UUIDs. */
export const reviewedVolatileFunctions: ReadonlySet<string> = new Set([
  "array_sample",
  "array_shuffle",
  "clock_timestamp",
  "gen_random_uuid",
  "random",
  "random_normal",
  "timeofday",
  "uuidv4",
  "uuidv7",
]);

/** Stable pg_catalog functions that nevertheless change state: they assign a transaction id. */
export const stableWriters: ReadonlySet<string> = new Set(["txid_current", "pg_current_xact_id"]);

/**
 * Volatile pg_catalog functions that change only session state, as SET does (allowed under
 * read_only). Where the policy keeps something in they are safe only with constant arguments:
 * with a column as argument they would carry row values out, row by row, before any filter.
 */
export const sessionFunctions: ReadonlySet<string> = new Set(["set_config", "setseed"]);
