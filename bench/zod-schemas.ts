// zod 4 equivalents of two spec schemas, written by hand for the benchmark only (never shipped).
import { z } from "zod";

const relation = z.string();
const count = z.number().int().min(0);
const statementKinds = z.array(
  z.enum([
    "select",
    "insert",
    "update",
    "delete",
    "ddl",
    "copy",
    "set",
    "show",
    "explain",
    "transaction",
  ]),
);
const accessMode = z.enum(["read_only", "read_write"]);
const maskingRules = z.array(
  z.object({ table: relation, column: z.string(), kind: z.enum(["redact", "null", "hash"]) }),
);
const relations = z.array(relation);

const policyProfileFields = {
  name: z.string().min(1).max(128),
  access_mode: accessMode.optional(),
  statement_rules: z
    .object({ allow: statementKinds.optional(), deny: statementKinds.optional() })
    .optional(),
  table_allowlist: relations.optional(),
  table_denylist: relations.optional(),
  masking_rules: maskingRules.optional(),
  budget_queries_per_hour: count.optional(),
  budget_queries_per_day: count.optional(),
  max_rows: count.optional(),
  statement_timeout_ms: count.optional(),
  row_filters: z.array(z.object({ table: relation, predicate: z.string() })).optional(),
  write_mode: z.enum(["normal", "rollback", "sandbox"]).optional(),
  approval_mode: z.enum(["off", "writes", "ddl", "all"]).optional(),
  approval_auto_max_rows: count.optional(),
  approval_timeout_seconds: count.optional(),
  migration_safety: z.enum(["off", "warn", "block"]).optional(),
  egress_bytes_per_day: count.optional(),
  max_affected_rows: count.optional(),
};

/** PolicyProfileInput in zod. */
export const zodPolicyProfileInput = z.object(policyProfileFields);

/** PolicyProfile in zod. */
export const zodPolicyProfile = z.object({
  ...policyProfileFields,
  id: z.string(),
  project_id: z.string(),
  access_mode: accessMode,
  table_allowlist: relations,
  table_denylist: relations,
  masking_rules: maskingRules,
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }),
});
