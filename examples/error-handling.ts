// Error handling: every failure is a typed error; branch on the class or on `code`, never on text.
// Against the mock, the `Prefer: code=N` header asks Prism for the documented N response.
import {
  ConflictError,
  createPolicyClient,
  NotFoundError,
  PgBeamApiError,
  PgBeamConnectionError,
  RateLimitError,
} from "@pgbeam/policies-client";

const pgbeam = createPolicyClient({ maxRetries: 0 });
const projectId = "prj_8Kx2mQ4vLp";
const asMock = (status: number) => ({ headers: { Prefer: `code=${status}` } });

try {
  await pgbeam.policies.getPolicyProfile(projectId, "pol_missing", asMock(404));
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.log(`not found → ${error.code}: ${error.message}`);
}

try {
  await pgbeam.policies.deletePolicyProfile(projectId, "pol_3fGh7TnQ2w", asMock(409));
} catch (error) {
  if (!(error instanceof ConflictError)) throw error;
  console.log(`still in use → ${error.code}: ${error.message}`);
}

try {
  await pgbeam.policies.listPolicyProfiles(projectId, {}, asMock(429));
} catch (error) {
  if (!(error instanceof RateLimitError)) throw error;
  console.log(
    `rate limited → retry in ${error.retryAfterMs} ms (the client waits by itself when it can)`,
  );
}

try {
  await pgbeam.policies.createPolicyProfile(projectId, { name: "analytics" }, asMock(403));
} catch (error) {
  if (error instanceof PgBeamApiError)
    console.log(`API error ${error.status} ${error.code}: ${error.message}`);
  else if (error instanceof PgBeamConnectionError) console.log(`network trouble: ${error.message}`);
  else throw error;
}
