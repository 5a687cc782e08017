// Error handling: every failure is a typed error. Branch on the problem document's `code` (or the
// class), never on text; show `detail` to people; quote `requestId` to support.
// Against the mock, the `Prefer: code=N` header asks Prism for the documented N response.
import {
  createPolicyClient,
  hasErrorCode,
  NotFoundError,
  PgBeamApiError,
  PgBeamConnectionError,
  PgBeamTimeoutError,
  RateLimitError,
} from "@pgbeam/policies-client";

const pgbeam = createPolicyClient({ maxRetries: 0 });
const projectId = "prj_8Kx2mQ4vLp";
const asMock = (status: number) => ({ headers: { Prefer: `code=${status}` } });

try {
  await pgbeam.policies.getPolicyProfile(projectId, "pol_missing", asMock(404));
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.log(
    `not found → ${error.code}: ${error.detail ?? error.title} (request ${error.requestId})`,
  );
}

try {
  await pgbeam.policies.createPolicyProfile(projectId, { name: "analytics" }, asMock(409));
} catch (error) {
  // The code names which conflict it was; a code this SDK does not know yet falls through.
  if (hasErrorCode(error, "RESOURCE_EXISTS")) console.log("that name is taken: pick another");
  else if (hasErrorCode(error, "IDEMPOTENCY_KEY_REUSED")) console.log("a key was reused");
  else if (error instanceof PgBeamApiError) console.log(`conflict → ${error.code}`);
  else throw error;
}

try {
  await pgbeam.policies.createPolicyProfile(projectId, { name: "" }, asMock(400));
} catch (error) {
  if (!(error instanceof PgBeamApiError)) throw error;
  for (const { field, detail } of error.fieldErrors) console.log(`invalid ${field}: ${detail}`);
  console.log(JSON.stringify(error)); // name, message, status, code, request id; no headers, no body
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
  await pgbeam.policies.getPolicyProfile(projectId, "pol_3fGh7TnQ2w", {
    ...asMock(500),
    totalTimeoutMs: 10_000,
  });
} catch (error) {
  if (error instanceof PgBeamApiError) console.log(`API error ${error.status} ${error.code}`);
  else if (error instanceof PgBeamTimeoutError) console.log(`out of time (${error.budget})`);
  else if (error instanceof PgBeamConnectionError) console.log(`no answer: ${error.message}`);
  else throw error;
}
