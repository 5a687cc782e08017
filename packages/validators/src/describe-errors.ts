import { exclusiveFieldGroups, forbiddenTogether } from "./generated/spec-facts.gen.js";
import type { ValidationIssue } from "./issue.js";

/** The shape of an error that the generated checks report. */
export interface CheckError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  /** The value the error is about (the object itself for `required` and `oneOf`). */
  data?: unknown;
  message?: string;
}

const maxShown = 40;

/** Where a JSON pointer leads: its keys, and its field name for messages. */
interface Place {
  keys: (string | number)[];
  /** `masking_rules[0].kind` for ["masking_rules", 0, "kind"]; the subject's name for the value itself. */
  field: string;
}

/**
 * Reads a JSON pointer in one pass, without touching the value: an all-digit position is an array
 * index, since no object in the spec has such a field (the generator refuses a spec where one does).
 */
function locate(pointer: string, subject: string): Place {
  if (pointer === "") return { keys: [], field: subject };
  const keys: (string | number)[] = [];
  let field = "";
  let from = 1;
  while (from <= pointer.length) {
    // One segment: note whether it is all digits and whether it holds an escape, as we scan it.
    let to = from;
    let digits = true;
    let escaped = false;
    for (; to < pointer.length; to++) {
      const code = pointer.charCodeAt(to);
      if (code === 47) break; // "/"
      if (code < 48 || code > 57) digits = false;
      if (code === 126) escaped = true; // "~"
    }
    const raw = pointer.slice(from, to);
    if (digits && to > from) {
      keys.push(Number(raw));
      field += `[${raw}]`;
    } else {
      const key = escaped ? raw.replaceAll("~1", "/").replaceAll("~0", "~") : raw;
      keys.push(key);
      field = field === "" ? key : `${field}.${key}`;
    }
    from = to + 1;
  }
  return { keys, field };
}

/** A field name as one step of a JSON pointer. */
function escapeStep(name: string): string {
  return name.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** An own field of an object, or undefined. */
function fieldOf(holder: unknown, name: string): unknown {
  return holder !== null && typeof holder === "object" && Object.hasOwn(holder, name)
    ? (holder as Record<string, unknown>)[name]
    : undefined;
}

/** A short description of a value for a message; never the whole of a long string. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string") {
    const shown = value.length > maxShown ? `${value.slice(0, maxShown)}…` : value;
    return `${JSON.stringify(shown)}${value.length > maxShown ? ` (${value.length} characters)` : ""}`;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value;
}

const typeNames: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  null: "null",
};

const formatNames: Record<string, string> = {
  "date-time": "an RFC 3339 date-time such as 2026-11-25T10:00:00Z",
  int32: "a 32-bit whole number",
  int64: "a whole number",
};

/** Lists of allowed values, written once per enum (the generated checks pass the same array). */
const listed = new WeakMap<object, string>();

function list(values: unknown): string {
  const known = listed.get(values as object);
  if (known !== undefined) return known;
  const text = (values as unknown[]).map((v) => JSON.stringify(v)).join(", ");
  listed.set(values as object, text);
  return text;
}

function plural(count: unknown, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function explain(error: CheckError, field: string, got: unknown): string {
  const { params } = error;
  const shown = describeValue(got);
  switch (error.keyword) {
    case "required":
      return `${field} is required`;
    case "type":
      return `${field} must be ${typeNames[String(params.type)] ?? String(params.type)} (got ${shown})`;
    case "enum":
      return `${field} must be one of ${list(params.allowedValues)} (got ${shown})`;
    case "const":
      return `${field} must be ${JSON.stringify(params.allowedValue)} (got ${shown})`;
    case "minimum":
      return `${field} must be at least ${String(params.limit)} (got ${shown})`;
    case "maximum":
      return `${field} must be at most ${String(params.limit)} (got ${shown})`;
    case "minLength":
      return `${field} must be at least ${plural(params.limit, "character")} long (got ${shown})`;
    case "maxLength":
      return `${field} must be at most ${plural(params.limit, "character")} long (got ${shown})`;
    case "minItems":
      return `${field} must have at least ${plural(params.limit, "item")} (got ${shown})`;
    case "maxItems":
      return `${field} must have at most ${plural(params.limit, "item")} (got ${shown})`;
    case "pattern":
      return `${field} must match ${String(params.pattern)} (got ${shown})`;
    case "format":
      return `${field} must be ${formatNames[String(params.format)] ?? String(params.format)} (got ${shown})`;
    case "false schema":
      return `${field} is not allowed here`;
    case "additionalProperties":
      return `${field}.${String(params.additionalProperty)} is not a known field`;
    default:
      return `${field} ${error.message ?? `fails ${error.keyword}`}`;
  }
}

/**
 * Folds the noise of "exactly one of" (a `oneOf` error plus one error per failing branch) into a
 * single issue when the value carries none or several of the fields, and drops it when the value
 * carries exactly one (then only that branch's own problems are real).
 */
function foldExclusive(
  errors: readonly CheckError[],
  subject: string,
): (CheckError | ValidationIssue)[] {
  const out: (CheckError | ValidationIssue)[] = [];
  const folded = new Set<CheckError>();
  for (const error of errors) {
    if (error.keyword !== "oneOf") continue;
    const at = error.instancePath;
    const noise = (candidate: CheckError, group: readonly string[]) =>
      (candidate.keyword === "required" &&
        candidate.instancePath === at &&
        group.includes(String(candidate.params.missingProperty))) ||
      (candidate.keyword === "false schema" &&
        group.some((field) => candidate.instancePath === `${at}/${field}`));
    const group = exclusiveFieldGroups.find((fields) =>
      errors.some((candidate) => noise(candidate, fields)),
    );
    if (!group) continue;
    folded.add(error);
    for (const candidate of errors) if (noise(candidate, group)) folded.add(candidate);
    const present = group.filter((field) => fieldOf(error.data, field) !== undefined);
    if (present.length !== 1) {
      const { keys, field } = locate(at, subject);
      const where = keys.length === 0 ? "" : `${field}: `;
      out.push({
        path: at,
        keys,
        keyword: "oneOf",
        message: `${where}give exactly one of ${group.join(" or ")} (got ${present.length === 0 ? "neither" : present.join(" and ")})`,
      });
    }
  }
  return [...out, ...errors.filter((error) => !folded.has(error))];
}

/** A format error repeats a type error at the same place (an int64 that is not an integer). */
function repeatsTypeError(error: CheckError, errors: readonly CheckError[]): boolean {
  return (
    error.keyword === "format" &&
    errors.some((e) => e.keyword === "type" && e.instancePath === error.instancePath)
  );
}

/** Drops issues that say the same thing twice (a field checked by two branches of an allOf). */
function unique(issues: ValidationIssue[]): ValidationIssue[] {
  // Comparing pairs is quadratic but cheaper than building keys while the issues are few.
  const seen = issues.length > 16 ? new Set<string>() : undefined;
  return issues.filter((issue, i) => {
    if (seen === undefined) {
      return !issues.some(
        (other, j) => j < i && other.path === issue.path && other.message === issue.message,
      );
    }
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A `not: { required }` failure: the value carries every field of a group that may not come
 * together. Reported at the object, as "exactly one of" is, naming the whole group.
 */
function togetherIssue(error: CheckError, subject: string): ValidationIssue {
  const { keys, field } = locate(error.instancePath, subject);
  const group = forbiddenTogether.find((fields) =>
    fields.every((name) => fieldOf(error.data, name) !== undefined),
  );
  const where = keys.length === 0 ? "" : `${field}: `;
  const message =
    group === undefined
      ? `${where}a combination of fields the spec forbids`
      : `${where}give at most one of ${group.join(" and ")} (got both)`;
  return { path: error.instancePath, keys, keyword: "not", message };
}

/** One generated error as an issue; undefined when it only repeats another error. */
function issueOf(
  error: CheckError,
  errors: readonly CheckError[],
  subject: string,
): ValidationIssue | undefined {
  if (repeatsTypeError(error, errors)) return undefined;
  if (error.keyword === "not") return togetherIssue(error, subject);
  // A missing field is reported at the field itself, not at the object that lacks it.
  const path =
    error.keyword === "required"
      ? `${error.instancePath}/${escapeStep(String(error.params.missingProperty))}`
      : error.instancePath;
  const { keys, field } = locate(path, subject);
  return { path, keys, keyword: error.keyword, message: explain(error, field, error.data) };
}

/** Turns the generated checks' errors into issues with plain-English messages. */
export function describeErrors(subject: string, errors: readonly CheckError[]): ValidationIssue[] {
  const entries = errors.some((error) => error.keyword === "oneOf")
    ? foldExclusive(errors, subject)
    : errors;
  const issues: ValidationIssue[] = [];
  for (const entry of entries) {
    const issue = "instancePath" in entry ? issueOf(entry, errors, subject) : entry;
    if (issue !== undefined) issues.push(issue);
  }
  return unique(issues);
}
