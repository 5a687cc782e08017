/** One problem found in a value. */
export interface ValidationIssue {
  /** JSON pointer to the offending value, e.g. `/masking_rules/0/kind` (empty for the value itself). */
  readonly path: string;
  /** The same location as keys, as Standard Schema reports it, e.g. `["masking_rules", 0, "kind"]`. */
  readonly keys: readonly (string | number)[];
  /** Plain English: which field, what is wrong, what is allowed. */
  readonly message: string;
  /** The JSON Schema keyword that failed (`enum`, `required`, `oneOf`, …). */
  readonly keyword: string;
}

/** What `validateX` returns: the value typed on success, every issue on failure. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };
