// Validators: ours (precompiled) vs Ajv compiling the same schema at run time vs an equivalent zod 4 schema.
import { validatePolicyProfile, validatePolicyProfileInput } from "@pgbeam/policies-validators";
import { exampleOf, spec } from "@pgbeam/spec-testing";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { compare, measureInterleaved, type Row } from "../measure.js";
import { zodPolicyProfile, zodPolicyProfileInput } from "../zod-schemas.js";

function runtimeAjv() {
  const defs = JSON.parse(
    JSON.stringify((spec.components as { schemas: unknown }).schemas).replaceAll(
      '"#/components/schemas/',
      '"#/$defs/',
    ),
  );
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addFormat("int64", { type: "number", validate: Number.isInteger });
  ajv.addSchema({ $id: "pgbeam", $defs: defs });
  return (name: string) => {
    const check = ajv.getSchema(`pgbeam#/$defs/${name}`);
    if (!check) throw new Error(`no schema ${name}`);
    return (value: unknown) => (check(value) ? true : check.errors);
  };
}

/**
 * A profile with every field set, lists and row filters included: what a real team's profile
 * file looks like, where the spec's example sets a handful of fields.
 */
export function fullProfileInput(): Record<string, unknown> {
  return {
    name: "support-agent-full",
    access_mode: "read_write",
    statement_rules: {
      allow: ["select", "insert", "update", "explain", "show"],
      deny: ["ddl", "copy"],
    },
    table_allowlist: [
      "public.tickets",
      "public.customers",
      "public.orders",
      "billing.invoices",
      "billing.payments",
      "support.notes",
    ],
    table_denylist: ["audit_log", "billing.cards", "internal.secrets"],
    masking_rules: [
      { table: "public.customers", column: "email", kind: "hash" },
      { table: "public.customers", column: "phone", kind: "redact" },
      { table: "billing.payments", column: "iban", kind: "null" },
      { table: "billing.invoices", column: "address", kind: "redact" },
    ],
    budget_queries_per_hour: 600,
    budget_queries_per_day: 5000,
    max_rows: 1000,
    statement_timeout_ms: 5000,
    row_filters: [
      { table: "public.tickets", predicate: "tenant_id = current_setting('pgbeam.tenant')" },
      { table: "public.orders", predicate: "tenant_id = current_setting('pgbeam.tenant')" },
      { table: "support.notes", predicate: "deleted_at IS NULL AND visibility <> 'internal'" },
    ],
    write_mode: "rollback",
    approval_mode: "writes",
    approval_auto_max_rows: 10,
    approval_timeout_seconds: 600,
    migration_safety: "block",
    egress_bytes_per_day: 50_000_000,
    max_affected_rows: 100,
    content_scan_mode: "annotate",
    content_scan_max_bytes: 1_048_576,
  };
}

/** The saved form of the full profile (the fields the server assigns added). */
function fullProfile(): Record<string, unknown> {
  return {
    id: "pol_3fGh7TnQ2w",
    project_id: "prj_8Kx2mQ4vLp",
    ...fullProfileInput(),
    created_at: "2026-11-25T10:00:00Z",
    updated_at: "2026-11-26T08:30:00Z",
  };
}

/** Reads every message of a result, as a caller that reports them does. */
function readIssues(result: { ok: boolean; issues?: readonly { message: string }[] }): number {
  let length = 0;
  for (const issue of result.issues ?? []) length += issue.message.length;
  return length;
}

/** Runs valid and invalid inputs through the three validators of two schemas. */
export async function validatorSpeed(): Promise<Row[]> {
  const ajv = runtimeAjv();
  const cases = [
    {
      schema: "PolicyProfileInput",
      label: "PolicyProfileInput",
      value: exampleOf("PolicyProfileInput", "supportReadWrite"),
      ours: validatePolicyProfileInput,
      zod: zodPolicyProfileInput,
    },
    {
      schema: "PolicyProfile",
      label: "PolicyProfile",
      value: exampleOf("PolicyProfile", "supportReadWrite"),
      ours: validatePolicyProfile,
      zod: zodPolicyProfile,
    },
    {
      schema: "PolicyProfileInput",
      label: "full PolicyProfileInput",
      value: fullProfileInput(),
      ours: validatePolicyProfileInput,
      zod: zodPolicyProfileInput,
    },
    {
      schema: "PolicyProfile",
      label: "full PolicyProfile",
      value: fullProfile(),
      ours: validatePolicyProfile,
      zod: zodPolicyProfile,
    },
  ];
  const rows: Row[] = [];
  for (const { schema, label: caseLabel, value: example, ours, zod } of cases) {
    const valid = example as Record<string, unknown>;
    const invalid = {
      ...valid,
      name: "",
      access_mode: "read_mostly",
      max_rows: -1,
      masking_rules: [{ table: "t", kind: "blur" }],
    };
    const ajvCheck = ajv(schema);
    if (
      ours(valid).ok !== true ||
      zod.safeParse(valid).success !== true ||
      ajvCheck(valid) !== true
    ) {
      throw new Error(`the contenders disagree on the valid ${caseLabel}`);
    }
    for (const [label, value] of [
      ["valid", valid],
      ["invalid", invalid],
    ] as const) {
      const names = {
        ours: `${caseLabel} ${label}: ours`,
        read: `${caseLabel} ${label}: ours, issues read`,
        ajv: `${caseLabel} ${label}: Ajv compiled at run time`,
        zod: `${caseLabel} ${label}: zod 4`,
      };
      // A failed result writes its messages when `issues` is first read; the "issues read" row
      // pays for them, as zod's safeParse (which builds its issues at once) always does.
      const tasks: Record<string, () => unknown> = {
        [names.ours]: () => ours(value),
        [names.ajv]: () => ajvCheck(value),
        [names.zod]: () => zod.safeParse(value),
      };
      if (label === "invalid") tasks[names.read] = () => readIssues(ours(value));
      // Interleaved rounds: a change of load on the VM moves all contenders alike.
      const results = await measureInterleaved(tasks);
      const ajvTarget = label === "valid" ? (caseLabel.startsWith("full") ? 1.1 : 1) : 3;
      const withRead = label === "invalid" ? [names.ours, names.read] : [names.ours];
      rows.push(
        ...compare("validators", results, names.ajv, withRead, { [names.ours]: ajvTarget }),
        ...compare("validators", results, names.zod, withRead, { [names.ours]: 0.2 }),
      );
    }
  }
  return rows;
}
