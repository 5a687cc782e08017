import type { PolicyProfile } from "@pgbeam/policies-types";

/** A saved profile as a server might return it. */
export function profile(id: string, name = `profile-${id}`): PolicyProfile {
  return {
    id,
    project_id: "prj_test",
    name,
    access_mode: "read_only",
    table_allowlist: [],
    table_denylist: [],
    masking_rules: [],
    created_at: "2026-11-25T10:00:00Z",
    updated_at: "2026-11-25T10:00:00Z",
  };
}

/** The API key the tests use; assertions check it never leaks. */
export const apiKey = "pgb_test_SECRET_4f9a2c";
