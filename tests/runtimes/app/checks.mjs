// The four checks every runtime runs, written once on Web APIs alone. Each answers a small JSON
// summary (or { error }) that the matrix compares with what Node 20 answers.
import { createPolicyClient, NotFoundError } from "@pgbeam/policies-client";
import { createEngine } from "@pgbeam/policies-engine";
import { createPolicyMock } from "@pgbeam/policies-mock";
import { schemas, validatePolicyProfileInput } from "@pgbeam/policies-validators";

const profile = {
  name: "runtime-matrix",
  access_mode: "read_only",
  masking_rules: [{ table: "public.customers", column: "email", kind: "redact" }],
  row_filters: [{ table: "public.tickets", predicate: "tenant_id = 42" }],
};

/** Create, get, list all, dry-eval and delete a profile, then get it again (a NotFoundError). */
export async function clientRoundTrip(pgbeam, project) {
  const created = await pgbeam.policies.createPolicyProfile(project, profile);
  const fetched = await pgbeam.policies.getPolicyProfile(project, created.id);
  const listed = [];
  for await (const each of pgbeam.policies.listAllPolicyProfiles(project)) listed.push(each.id);
  const verdict = await pgbeam.policies.dryEvalPolicy(project, {
    sql: "DELETE FROM public.customers WHERE id = 1",
    policy_id: created.id,
  });
  await pgbeam.policies.deletePolicyProfile(project, created.id);
  let afterDelete = "no error";
  try {
    await pgbeam.policies.getPolicyProfile(project, created.id);
  } catch (error) {
    afterDelete = error instanceof NotFoundError ? `NotFoundError ${error.code}` : String(error);
  }
  return {
    sameName: fetched.name === profile.name,
    listed: listed.includes(created.id),
    verdict: `${verdict.verdict}/${verdict.rule}`,
    afterDelete,
  };
}

/** The client against the emulator's HTTP server (running in Node) at `baseUrl`, in `project`. */
export function clientOverHttp(baseUrl, project) {
  const pgbeam = createPolicyClient({ apiKey: "pgb_runtime", baseUrl, maxRetries: 0 });
  return clientRoundTrip(pgbeam, project);
}

/** The emulator in-process: `mock.fetch` handed to the client. */
export function mockInProcess(engine) {
  const mock = createPolicyMock({ engine });
  const pgbeam = createPolicyClient({ apiKey: "pgb_runtime", fetch: mock.fetch, maxRetries: 0 });
  return clientRoundTrip(pgbeam, "prj_inprocess");
}

/** The plain validator and its Standard Schema form, on a good and a bad profile. */
export async function validators() {
  const bad = { ...profile, access_mode: "readonly" };
  const plain = validatePolicyProfileInput(bad);
  const standard = schemas.PolicyProfileInput["~standard"];
  const good = await standard.validate(profile);
  const refused = await standard.validate(bad);
  return {
    plain: plain.ok ? "ok" : plain.issues.map((issue) => issue.message).join("; "),
    standardVendor: standard.vendor,
    standardGood: good.issues === undefined ? "ok" : "issues",
    standardBad: (refused.issues ?? []).map((issue) => issue.message).join("; "),
  };
}

/** The engine: a mask and a row-filter verdict. */
export function engineVerdicts(engine) {
  const masked = engine.evaluate("SELECT email FROM customers", profile);
  const filtered = engine.evaluate("SELECT * FROM tickets WHERE status = 'open'", profile);
  return {
    mask: `${masked.verdict} ${masked.masked_columns?.map((c) => `${c.column}:${c.kind}`).join(",")}`,
    rowFilter: `${filtered.verdict} ${filtered.rewritten_sql}`,
  };
}

async function settle(check) {
  try {
    return await check();
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/**
 * Runs the four checks. `wasm` is what this runtime hands `createEngine()` (nothing on Node, Bun
 * and Deno); `baseUrl` is the emulator's HTTP server, shared by every runtime, each in its own
 * `project`.
 */
export async function runChecks({ baseUrl, project, wasm }) {
  const loadEngine = () => createEngine(wasm === undefined ? undefined : { wasm });
  return {
    client: await settle(() => clientOverHttp(baseUrl, project)),
    validators: await settle(validators),
    engine: await settle(async () => engineVerdicts(await loadEngine())),
    mock: await settle(() => mockInProcess(loadEngine)),
  };
}
