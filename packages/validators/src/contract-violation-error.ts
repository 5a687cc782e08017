import type { ValidationIssue } from "./issue.js";
import { ValidationError } from "./validation-error.js";

/** A response that breaks the spec: undocumented status, or a body that fails its schema. */
export class ContractViolationError extends ValidationError {
  override name = "ContractViolationError";
  /** The operation whose response broke the contract. */
  readonly operationId: string;
  /** The response's HTTP status. */
  readonly status: number;

  constructor(operationId: string, status: number, issues: readonly ValidationIssue[]) {
    super(`The ${status} response of ${operationId}`, issues);
    this.operationId = operationId;
    this.status = status;
  }
}
