import type { PolicyProfile, PolicyProfileInput } from "@pgbeam/policies-types";
import type { Tagged } from "./conditional.js";
import {
  PgBeamArgumentError,
  PgBeamConcurrentUpdateError,
  PgBeamResponseError,
  PreconditionFailedError,
} from "./errors.js";
import { checkNumber } from "./options.js";

/** What one read-modify-write loop needs: how to read with the ETag and write under `If-Match`. */
export interface ModifyPlan {
  policyId: string;
  change: (
    current: PolicyProfile,
  ) => PolicyProfileInput | undefined | Promise<PolicyProfileInput | undefined>;
  maxAttempts: number | undefined;
  read: () => Promise<Tagged<PolicyProfile>>;
  write: (input: PolicyProfileInput, etag: string) => Promise<PolicyProfile>;
}

const defaultMaxAttempts = 5;
const attemptLimits = { min: 1, max: 100, integer: true };

/**
 * Reads, changes and writes under `If-Match`; a 412 means someone wrote in between, so it reads
 * and applies the change again (what the 412's description prescribes), `maxAttempts` rounds at most.
 */
export async function modifyWithRetries(plan: ModifyPlan): Promise<PolicyProfile> {
  const maxAttempts = plan.maxAttempts ?? defaultMaxAttempts;
  checkNumber("maxAttempts", maxAttempts, attemptLimits, (option, message) => {
    throw new PgBeamArgumentError(option, message);
  });
  if (typeof plan.change !== "function") {
    throw new PgBeamArgumentError("change", "change must be a function (current) => next profile.");
  }
  let conflict: PreconditionFailedError | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const { data, etag } = await plan.read();
    const next = await plan.change(data);
    if (next === undefined) return data;
    if (etag === undefined) {
      throw new PgBeamResponseError(
        `The API sent no ETag with profile ${plan.policyId}, so it cannot be changed safely; ` +
          "use updatePolicyProfile (last writer wins) instead.",
        200,
      );
    }
    try {
      return await plan.write(next, etag);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      conflict = error;
    }
  }
  throw new PgBeamConcurrentUpdateError(
    plan.policyId,
    maxAttempts,
    conflict as PreconditionFailedError,
  );
}
