import { PgBeamError } from "@pgbeam/policies-types";
import type { ValidationIssue } from "./issue.js";

/**
 * Thrown by `assertX` and by the validation middleware; `issues` lists every problem. A
 * `PgBeamError`, so one `instanceof PgBeamError` also catches what the middleware throws.
 */
export class ValidationError extends PgBeamError {
  override name = "ValidationError";
  /** Every issue found. */
  readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.message}`).join("\n");
    super(
      `${subject} is invalid (${issues.length} issue${issues.length === 1 ? "" : "s"}):\n${lines}`,
    );
    this.issues = issues;
  }
}
