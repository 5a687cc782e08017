import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { CheckError } from "./describe-errors.js";
import { InvalidResult, unreadable } from "./invalid-result.js";
import type { ValidationIssue, ValidationResult } from "./issue.js";
import { ValidationError } from "./validation-error.js";

/** A generated check: true or false, with the errors left on the function. */
export interface Check {
  (data: unknown): boolean;
  errors?: CheckError[] | null;
}

/** The four ways to use one schema's validator. */
export interface Validator<T> {
  /** Validates without throwing, whatever the input; reports every issue. */
  validate(value: unknown): ValidationResult<T>;
  /** Type guard: true when the value is valid. */
  is(value: unknown): value is T;
  /** Returns the value typed, or throws a ValidationError with every issue. */
  assert(value: unknown): T;
  /** The same validator as a Standard Schema v1. */
  standard: StandardSchemaV1<T>;
}

/** The `validateX` of a generated check: every issue, never a throw. */
export function validateWith<T>(
  name: string,
  check: Check,
): (value: unknown) => ValidationResult<T> {
  return (value) => {
    try {
      if (check(value)) return { ok: true, value: value as T };
      return new InvalidResult(name, check.errors ?? []);
    } catch (error) {
      // Never throws, even on a value whose getters or Proxy traps throw.
      return { ok: false, issues: [unreadable(name, error)] };
    }
  };
}

/** The `isX` type guard of a generated check. */
export function isWith<T>(check: Check): (value: unknown) => value is T {
  return (value): value is T => {
    try {
      return check(value);
    } catch {
      return false;
    }
  };
}

/** The `assertX` of a generated check: the value typed, or a thrown ValidationError. */
export function assertWith<T>(name: string, check: Check): (value: unknown) => T {
  return assertFrom(name, validateWith<T>(name, check));
}

/** Throws a ValidationError where `validate` reports issues; else returns the value typed. */
function assertFrom<T>(
  name: string,
  validate: (value: unknown) => ValidationResult<T>,
): (value: unknown) => T {
  return (value) => {
    const result = validate(value);
    if (!result.ok) throw new ValidationError(name, result.issues);
    return result.value;
  };
}

// Generated modules export each form built on its own, through calls marked pure, so a bundler
// keeps only the forms an application imports (`validateX` alone leaves out ValidationError).

/** Wraps a generated check into validate / is / assert / Standard Schema forms. */
export function createValidator<T>(name: string, check: Check): Validator<T> {
  const validate = validateWith<T>(name, check);
  const toStandard = (issue: ValidationIssue): StandardSchemaV1.Issue => ({
    message: issue.message,
    path: issue.keys,
  });
  const standard: StandardSchemaV1<T> = {
    "~standard": {
      version: 1,
      vendor: "pgbeam",
      validate: (value) => {
        const result = validate(value);
        return result.ok ? { value: result.value } : { issues: result.issues.map(toStandard) };
      },
    },
  };
  return { validate, is: isWith<T>(check), assert: assertFrom(name, validate), standard };
}

/** The record of validators, as given. */
export function record<R>(validators: R): R {
  return validators;
}

/** Each validator's Standard Schema form, by the same names. */
export function standardSchemas<R extends Record<string, Validator<unknown>>>(
  validators: R,
): { readonly [K in keyof R]: R[K]["standard"] } {
  return Object.fromEntries(
    Object.entries(validators).map(([name, validator]) => [name, validator.standard]),
  ) as { readonly [K in keyof R]: R[K]["standard"] };
}
