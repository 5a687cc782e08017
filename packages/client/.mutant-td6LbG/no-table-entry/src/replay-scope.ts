import type { PolicyReplayInput } from "@pgbeam/policies-types";
import { PgBeamArgumentError } from "./errors.js";

// The two fields, as the generated input type names them.
const boundPolicy = "bound_policy_id" satisfies keyof PolicyReplayInput;
const credential = "credential_id" satisfies keyof PolicyReplayInput;

/**
 * The contract makes `bound_policy_id` and `credential_id` exclusive (the spec states it with
 * `dependentSchemas`, which the generated types cannot express): refuse both before sending.
 */
export function refuseBothTrafficScopes(input: PolicyReplayInput): void {
  const fields = input as Partial<Record<string, unknown>>;
  if (fields[boundPolicy] !== undefined && fields[credential] !== undefined) {
    throw new PgBeamArgumentError(
      `input.${boundPolicy}`,
      `replayPolicy: pass input.${boundPolicy} or input.${credential}, not both. ` +
        `${boundPolicy} replays the traffic of every credential bound to that profile; ` +
        `${credential} replays one credential's traffic.`,
    );
  }
}
