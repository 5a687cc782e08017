// Quickstart: check a policy locally (schema, linter, offline evaluation), then every Policies operation once, from creating a
// profile to deleting it. By default it talks to the stateful emulator in-process (`@pgbeam/policies-mock`: no port, no
// network), so each reply reflects what was sent. Set PGBEAM_BASE_URL (and PGBEAM_API_KEY) to run it against a server.
import {
  createPolicyClient,
  NotFoundError,
  type PolicyProfileInput,
} from "@pgbeam/policies-client";
import { createEngine } from "@pgbeam/policies-engine";
import {
  lintPolicyProfile,
  validatePolicyProfileInput,
  validationMiddleware,
} from "@pgbeam/policies-validators";

const projectId = "prj_8Kx2mQ4vLp";
const pgbeam = await connect();
// Optional: check every request and response against the spec as it goes by.
pgbeam.raw.use(validationMiddleware());

const show = (step: string, detail: string) => console.log(`✔ ${step.padEnd(10)} ${detail}`);

// A support agent may read and update tickets of one tenant, never sees raw personal data,
// is rate limited, and needs a human to approve writes that touch more than 10 rows.
const supportAgent: PolicyProfileInput = {
  name: "support-agent-rw",
  access_mode: "read_write",
  statement_rules: { allow: ["select", "insert", "update"], deny: ["ddl", "copy"] },
  table_allowlist: ["public.tickets", "public.ticket_comments", "public.customers"],
  table_denylist: ["public.payment_methods"],
  masking_rules: [
    { table: "public.customers", column: "email", kind: "redact" },
    { table: "public.customers", column: "phone", kind: "null" },
  ],
  row_filters: [
    { table: "public.tickets", predicate: "tenant_id = current_setting('pgbeam.tenant')" },
  ],
  budget_queries_per_hour: 600,
  max_rows: 500,
  approval_mode: "writes",
  approval_auto_max_rows: 10,
  migration_safety: "block",
  max_affected_rows: 100,
};

// 1. Check the profile before sending it: schema first, then the linter's advice.
const checked = validatePolicyProfileInput(supportAgent);
if (!checked.ok) {
  for (const issue of checked.issues) console.error(`✘ ${issue.message}`);
  process.exit(1);
}
const lint = lintPolicyProfile(checked.value);
const counts = lint.summary;
show(
  "validate",
  `valid; lint: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} note(s)`,
);
for (const finding of lint.findings) {
  console.log(`  • ${finding.severity}: ${finding.message} → ${finding.suggestion}`);
}

// 2. Try the draft offline, on the real PostgreSQL parser, before any call to the API.
const engine = await createEngine();
const draft = engine.compile(checked.value);
for (const sql of [
  "SELECT id, subject FROM public.tickets WHERE status = 'open'",
  "SELECT name, email FROM public.customers",
  "SELECT * FROM public.payment_methods",
  "UPDATE public.tickets SET status = 'closed'",
]) {
  const result = engine.evaluate(sql, draft);
  const masked = result.masked_columns?.map((c) => `${c.column}:${c.kind}`).join(", ");
  const detail =
    result.verdict === "block"
      ? `${result.rule}: ${result.reason}`
      : result.verdict === "mask"
        ? `masked ${masked}`
        : (result.rewritten_sql ?? sql);
  show("offline", `${result.verdict.padEnd(10)} ${detail}`);
}

// 3. Every operation of the API, watching the state change.
const created = await pgbeam.policies.createPolicyProfile(projectId, supportAgent);
show(
  "create",
  `${created.id} "${created.name}" (${created.access_mode}), created ${created.created_at}`,
);

let count = 0;
for await (const profile of pgbeam.policies.listAllPolicyProfiles(projectId, { page_size: 50 })) {
  count++;
  show("list", `${profile.id} "${profile.name}" (${profile.access_mode})`);
}
show("list", `${count} profile(s) in ${projectId}`);

const fetched = await pgbeam.policies.getPolicyProfile(projectId, created.id);
show(
  "get",
  `${fetched.id} masks ${fetched.masking_rules.length} column(s), max_rows ${fetched.max_rows ?? 0}`,
);

const updated = await pgbeam.policies.updatePolicyProfile(projectId, created.id, {
  ...supportAgent,
  write_mode: "rollback",
});
const reread = await pgbeam.policies.getPolicyProfile(projectId, created.id);
show(
  "update",
  `write_mode ${fetched.write_mode ?? "normal"} → ${reread.write_mode}, at ${updated.updated_at}`,
);

const verdict = await pgbeam.policies.dryEvalPolicy(projectId, {
  sql: "DELETE FROM public.tickets WHERE closed_at < now() - interval '90 days'",
  policy_id: created.id,
});
show("dry-eval", `${verdict.verdict} (${verdict.rule}): ${verdict.reason}`);
if (verdict.hint) show("", `hint: ${verdict.hint}`);

const replay = await pgbeam.policies.replayPolicy(projectId, {
  policy: { ...supportAgent, access_mode: "read_only" },
  limit: 100,
});
const { summary } = replay;
show(
  "replay",
  `${summary.evaluated} distinct queries: ${summary.newly_blocked} newly blocked, ${summary.newly_allowed} newly allowed`,
);
for (const item of replay.items.slice(0, 3))
  show("", `${item.change.padEnd(13)} ×${item.occurrences} ${item.sql}`);

await pgbeam.policies.deletePolicyProfile(projectId, created.id);
try {
  await pgbeam.policies.getPolicyProfile(projectId, created.id);
  show("delete", `${created.id} deleted (this server still answers a get for it)`);
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  show("delete", `${created.id} deleted; a get now answers ${error.status} ${error.code}`);
}

/** A client for PGBEAM_BASE_URL when it is set, else one wired to the in-process emulator. */
async function connect() {
  if (process.env.PGBEAM_BASE_URL) return createPolicyClient();
  const { createPolicyMock } = await import("@pgbeam/policies-mock");
  const mock = createPolicyMock();
  // The emulator's recorded traffic of this project, which `replayPolicy` judges again below.
  mock.record(projectId, [
    { sql: "SELECT id, subject FROM public.tickets WHERE status = 'open'" },
    { sql: "SELECT id, subject FROM public.tickets WHERE status = 'pending'" },
    { sql: "UPDATE public.tickets SET status = 'closed' WHERE id = 42" },
  ]);
  console.log("Talking to the in-process emulator (set PGBEAM_BASE_URL to use a server).");
  return createPolicyClient({ apiKey: "pgb_quickstart", fetch: mock.fetch });
}
