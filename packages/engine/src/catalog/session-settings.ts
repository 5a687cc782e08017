import { pgSettingRows } from "./pg-settings.gen.js";

// The reviewed part: which of PostgreSQL's own settings an agent may change for its session.
// A setting qualifies when any role may change it (context `user`) and its category only shapes
// formatting, planning or resources; the exceptions below are settings of those categories that
// change what statements mean or what guards them.
const reviewedCategories = [
  "Client Connection Defaults / Locale and Formatting",
  "Client Connection Defaults / Statement Behavior",
  "Query Tuning /",
  "Resource Usage / Memory",
  "Resource Usage / Worker Processes",
];
const reviewedNames = new Set(["application_name"]);
const exceptions = new Set([
  // The proxy's own read-only guard, and row-level security.
  "default_transaction_read_only",
  "transaction_read_only",
  "row_security",
  // Where new objects go and what code they run.
  "default_table_access_method",
  "default_tablespace",
  "createrole_self_grant",
  "restrict_nonsystem_relation_kind",
  "check_function_bodies",
]);

let allowed: ReadonlySet<string> | undefined;

/**
 * True when an agent may change this setting for its session: a custom setting (`prefix.name`,
 * unless a row filter reads it, which the caller checks), or one of PostgreSQL's own that the
 * review above admits. Anything else (`exit_on_error`, logging, developer options, unknown
 * names) changes more than the session's formatting and planning, and is refused.
 */
export function mayChangeSetting(name: string): boolean {
  if (name.includes(".")) return true;
  allowed ??= new Set(
    pgSettingRows
      .map((row) => row.split("|"))
      .filter(([setting = "", context, category = ""]) => {
        const lower = setting.toLowerCase();
        if (exceptions.has(lower)) return false;
        if (reviewedNames.has(lower)) return true;
        return context === "user" && reviewedCategories.some((c) => category.startsWith(c));
      })
      .map(([setting = ""]) => setting.toLowerCase()),
  );
  return allowed.has(name.toLowerCase());
}
