import { type CheckError, describeErrors } from "./describe-errors.js";
import type { ValidationIssue } from "./issue.js";

/** A thrown value's message, without trusting it to behave. */
function reasonOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "reading it threw";
  }
}

/** The one issue of a value that could not be read (a getter or Proxy trap threw). */
export function unreadable(subject: string, error: unknown): ValidationIssue {
  return {
    path: "",
    keys: [],
    keyword: "error",
    message: `${subject} could not be checked: ${reasonOf(error)}`,
  };
}

/**
 * A failed validation whose issues are written when `issues` is first read, then kept: a caller
 * that only branches on `ok` does not pay for messages. Each error carries the value it is about,
 * so the messages are the same whenever they are read (an array's length is read then).
 */
export class InvalidResult {
  /** Always false: the value is invalid. */
  readonly ok = false as const;
  readonly #subject: string;
  readonly #errors: readonly CheckError[];
  #issues: readonly ValidationIssue[] | undefined;

  constructor(subject: string, errors: readonly CheckError[]) {
    this.#subject = subject;
    this.#errors = errors;
  }

  /** Every issue found, in plain English. */
  get issues(): readonly ValidationIssue[] {
    if (this.#issues === undefined) {
      try {
        this.#issues = describeErrors(this.#subject, this.#errors);
      } catch (error) {
        this.#issues = [unreadable(this.#subject, error)];
      }
    }
    return this.#issues;
  }

  /** `{ ok: false, issues }`, as JSON.stringify and structured logs expect. */
  toJSON(): { ok: false; issues: readonly ValidationIssue[] } {
    return { ok: false, issues: this.issues };
  }

  /** Shows the issues in console.log and util.inspect, as a plain object would. */
  [Symbol.for("nodejs.util.inspect.custom")](): { ok: false; issues: readonly ValidationIssue[] } {
    return this.toJSON();
  }
}
