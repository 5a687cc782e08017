/**
 * An error `code` from a problem document: one of the codes the spec lists, or a code the API
 * added since (the set is open), so compare it with string literals and keep a fallback branch.
 */
export type ApiErrorCode = string & {};
