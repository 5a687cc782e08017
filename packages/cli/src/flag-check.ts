import type { ValidationResult } from "@pgbeam/policies-validators";
import { UsageError } from "./io.js";
import { visible } from "./terminal/visible.js";

/** Throws a usage error naming `flag` with the first issue of a failed check against the spec. */
export function checkFlag(flag: string, result: ValidationResult<unknown>): void {
  if (!result.ok)
    throw new UsageError(`${flag}: ${visible(result.issues[0]?.message ?? "not valid")}.`);
}
