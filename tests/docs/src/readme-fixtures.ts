import type { PolicyMock } from "@pgbeam/policies-mock";

/** The project every README example works in. */
export const readmeProject = "prj_8Kx2mQ4vLp";

/**
 * Stores what README examples name as already there (a saved profile `pol_3fGh7TnQ2w`), so that
 * a block written as a user's code, against their own project, runs against the emulator.
 */
export function seedReadmeFixtures(mock: PolicyMock): void {
  const now = new Date().toISOString();
  mock.seed(readmeProject, [
    {
      id: "pol_3fGh7TnQ2w",
      project_id: readmeProject,
      name: "support-agent",
      access_mode: "read_only",
      table_allowlist: ["public.tickets", "public.customers"],
      table_denylist: [],
      masking_rules: [{ table: "public.customers", column: "email", kind: "redact" }],
      max_rows: 5_000,
      created_at: now,
      updated_at: now,
    },
  ]);
}
