// What README blocks take as given without declaring it: a client (`pgbeam`), a saved profile
// (`profile`) and a profile as JSON text (`raw`). The docs test points the client at the emulator.
import { createPolicyClient, type PolicyProfile } from "@pgbeam/policies-client";

/** A client as the README's "Use the client" section makes it (PGBEAM_BASE_URL is the emulator). */
export const pgbeam = createPolicyClient();

/** A profile saved in the emulator, as the README's create example saves it. */
export const profile: PolicyProfile = await pgbeam.policies.createPolicyProfile("prj_8Kx2mQ4vLp", {
  name: "analytics-readonly",
  table_allowlist: ["analytics.daily_revenue", "public.customers"],
  masking_rules: [{ table: "public.customers", column: "email", kind: "hash" }],
  max_rows: 10_000,
});

/** A profile file's text, as a user reads it from disk. */
export const raw = JSON.stringify({
  name: "support",
  masking_rules: [{ table: "public.customers", column: "email", kind: "blur" }],
});
