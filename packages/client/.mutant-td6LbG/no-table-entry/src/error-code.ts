import type { KnownErrorCode } from "@pgbeam/policies-types";

/**
 * An error `code` from a problem document: one of the codes the spec lists (`KnownErrorCode`,
 * generated), or a code the API added since (the set is open), so keep a fallback branch.
 */
export type ApiErrorCode = KnownErrorCode | (string & {});
