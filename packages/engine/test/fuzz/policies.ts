// The policies the fuzzer judges each statement under: every field that keeps something in
// (table lists, masks, row filters, read_only), alone and combined.
import type { PolicyProfileInput } from "@pgbeam/policies-types";

/** Each fuzz policy by name; a corpus entry names the one it was found under. */
export const fuzzPolicies: Record<string, PolicyProfileInput> = {
  "read-only": { name: "read-only", access_mode: "read_only" },
  "deny-secrets": {
    name: "deny-secrets",
    access_mode: "read_write",
    table_denylist: ["secrets", "sales.secrets"],
  },
  "allow-users-orders": {
    name: "allow-users-orders",
    access_mode: "read_only",
    table_allowlist: ["users", "orders", "staff", "audit", "t", "t2"],
  },
  "masked-read-only": {
    name: "masked-read-only",
    access_mode: "read_only",
    masking_rules: [
      { table: "users", column: "email", kind: "redact" },
      { table: "public.users", column: "ssn", kind: "hash" },
      { table: "users", column: "note", kind: "null" },
    ],
  },
  "masked-read-write": {
    name: "masked-read-write",
    access_mode: "read_write",
    masking_rules: [
      { table: "users", column: "email", kind: "redact" },
      { table: "orders", column: "note", kind: "hash" },
    ],
  },
  // Visible rows last (42) and in the middle (2): an error raised on the first row a scan
  // reaches then comes from a row the filter hides.
  "tenant-users": {
    name: "tenant-users",
    access_mode: "read_write",
    row_filters: [{ table: "users", predicate: "tenant_id = 42" }],
  },
  "tenant-setting": {
    name: "tenant-setting",
    access_mode: "read_only",
    row_filters: [
      { table: "users", predicate: "tenant_id = current_setting('pgbeam.tenant')::int" },
      { table: "orders", predicate: "tenant_id = 1" },
    ],
  },
  guarded: {
    name: "guarded",
    access_mode: "read_only",
    table_denylist: ["secrets", "archive.users"],
    masking_rules: [{ table: "users", column: "email", kind: "redact" }],
    row_filters: [{ table: "orders", predicate: "tenant_id = 1" }],
  },
  "guarded-write": {
    name: "guarded-write",
    access_mode: "read_write",
    table_denylist: ["secrets", "sales.secrets"],
    masking_rules: [{ table: "users", column: "ssn", kind: "redact" }],
    row_filters: [
      { table: "users", predicate: "tenant_id = 2" },
      { table: "orders", predicate: "tenant_id = 42" },
    ],
  },
};

/** The policy names in a fixed order (for deterministic choices). */
export const fuzzPolicyNames = Object.keys(fuzzPolicies).sort();

/** The custom settings (`x.y`) the fuzz policies' row filters read: the settings mutations' names. */
export const policySettings = [
  ...new Set(
    Object.values(fuzzPolicies).flatMap((policy) =>
      (policy.row_filters ?? []).flatMap((filter) =>
        [...filter.predicate.matchAll(/'([a-z_]\w*\.[a-z_]\w*)'/gi)].map((match) => match[1] ?? ""),
      ),
    ),
  ),
].sort();
