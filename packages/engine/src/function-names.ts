// Built-in functions whose meaning the statement text does not show, by what they do. Names are
// matched unqualified or in pg_catalog, lower-case (the parser has folded unquoted names).

/**
 * Functions that run SQL, or read a relation, named in a string. Not a security list: the catalog's
 * default deny refuses them (they are not immutable and not reviewed); this only picks the message.
 */
export const sqlInStringFunctions: ReadonlySet<string> = new Set([
  "table_to_xml",
  "table_to_xmlschema",
  "table_to_xml_and_xmlschema",
  "query_to_xml",
  "query_to_xmlschema",
  "query_to_xml_and_xmlschema",
  "cursor_to_xml",
  "cursor_to_xmlschema",
  "schema_to_xml",
  "schema_to_xmlschema",
  "schema_to_xml_and_xmlschema",
  "database_to_xml",
  "database_to_xmlschema",
  "database_to_xml_and_xmlschema",
  "ts_stat",
  "crosstab",
  "crosstab2",
  "crosstab3",
  "crosstab4",
  "connectby",
  "dblink",
  "dblink_exec",
  "dblink_open",
  "dblink_fetch",
  "dblink_send_query",
  "pg_read_file",
  "pg_read_binary_file",
  "lo_import",
  "lo_export",
]);

/** Statistics views and catalogs that hold sampled column values (most common values, histograms). */
export const statisticsRelations: ReadonlySet<string> = new Set([
  "pg_stats",
  "pg_stats_ext",
  "pg_stats_ext_exprs",
  "pg_statistic",
  "pg_statistic_ext_data",
]);

/** Settings that change which relation an unqualified name means. */
export const nameResolutionSettings: ReadonlySet<string> = new Set(["search_path"]);
