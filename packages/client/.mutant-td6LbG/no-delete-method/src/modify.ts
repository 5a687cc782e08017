import type { WithResponse } from "./api-promise.js";
import {
  PgBeamArgumentError,
  PgBeamConcurrentUpdateError,
  PgBeamResponseError,
  PreconditionFailedError,
} from "./errors.js";
import { checkNumber } from "./options.js";

/** What one read-modify-write loop needs: how to read with the ETag and write under `If-Match`. */
export interface ModifyPlan<Item, Input> {
  /** The resource as a sentence names it: `Profile pol_1`, `Approval rule apl_1`. */
  what: string;
  /** The method to use instead when there is no ETag (last writer wins). */
  fallback: string;
  /** The next body from what was read; undefined writes nothing. */
  next: (current: Item) => Input | undefined | Promise<Input | undefined>;
  maxAttempts: number | undefined;
  /** Reads the resource with its ETag. */
  read: () => Promise<WithResponse<Item>>;
  /** Writes under `If-Match: etag`. */
  write: (input: Input, etag: string) => Promise<WithResponse<Item>>;
}

const defaultMaxAttempts = 5;
const attemptLimits = { min: 1, max: 100, integer: true };

/**
 * Reads, changes and writes under `If-Match`; a 412 means someone wrote in between, so it reads
 * and applies the change again (what the 412's description prescribes), `maxAttempts` rounds at most.
 */
export async function modifyWithRetries<Item, Input>(
  plan: ModifyPlan<Item, Input>,
): Promise<WithResponse<Item>> {
  const maxAttempts = plan.maxAttempts ?? defaultMaxAttempts;
  checkNumber("maxAttempts", maxAttempts, attemptLimits, (option, message) => {
    throw new PgBeamArgumentError(option, message);
  });
  let conflict: PreconditionFailedError | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const read = await plan.read();
    const { data, etag } = read;
    const next = await plan.next(data);
    if (next === undefined) return read;
    if (etag === undefined) {
      throw new PgBeamResponseError(
        `The API sent no ETag with ${plan.what.charAt(0).toLowerCase()}${plan.what.slice(1)}, so it cannot be changed safely; ` +
          `use ${plan.fallback} (last writer wins) instead.`,
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
    plan.what,
    maxAttempts,
    conflict as PreconditionFailedError,
  );
}

/** Throws a clear error when `change` is not a function. */
export function requireChangeFunction(change: unknown, shape: string): void {
  if (typeof change !== "function") {
    throw new PgBeamArgumentError("change", `change must be a function (current) => ${shape}.`);
  }
}
