// Cold start of the light packages: import the client and validators, validate a profile and
// make one client call (answered in-process, so only the client's own work is timed).
import { createPolicyClient } from "@pgbeam/policies-client";
import { validatePolicyProfileInput } from "@pgbeam/policies-validators";

const saved = {
  id: "pol_cold",
  project_id: "prj_cold",
  name: "cold",
  created_at: "2026-12-01T00:00:00Z",
  updated_at: "2026-12-01T00:00:00Z",
};

export async function run() {
  if (!validatePolicyProfileInput({ name: "cold" }).ok) throw new Error("the profile is invalid");
  const fetch = async () => Response.json(saved);
  const pgbeam = createPolicyClient({ apiKey: "pgb_cold", baseUrl: "http://127.0.0.1:9", fetch });
  await pgbeam.policies.getPolicyProfile("prj_cold", "pol_cold");
}
