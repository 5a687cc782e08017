import type { ApiErrorCode } from "./error-code.js";
import { PgBeamApiError } from "./errors.js";

/**
 * True when `error` is a `PgBeamApiError` whose problem document carries `code`; narrows it, so
 * `error.code` is then that literal. Compare codes, not messages: messages may be reworded.
 *
 * ```ts
 * if (hasErrorCode(error, "RESOURCE_EXISTS")) { … }
 * ```
 */
export function hasErrorCode<const C extends ApiErrorCode>(
  error: unknown,
  code: C,
): error is PgBeamApiError & { readonly code: C } {
  return error instanceof PgBeamApiError && error.code === code;
}
