import { exclusiveFieldGroups } from "./generated/spec-facts.gen.js";
import type { ValidationIssue } from "./issue.js";

/** The shape of an error that the generated checks report. */
export interface CheckError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const maxShown = 40;

function isIndex(key: string): boolean {
  if (key === "") return false;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function keysOf(pointer: string, root: unknown): (string | number)[] {
  if (pointer === "") return [];
  const keys: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.includes("~") ? raw.replaceAll("~1", "/").replaceAll("~0", "~") : raw;
    const index = Array.isArray(node) && isIndex(key) ? Number(key) : key;
    keys.push(index);
    node =
      node !== null && typeof node === "object"
        ? (node as Record<string | number, unknown>)[index]
        : undefined;
  }
  return keys;
}

function valueAt(root: unknown, keys: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of keys) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** `masking_rules[0].kind` for ["masking_rules", 0, "kind"]; the subject's name for the value itself. */
function fieldName(keys: readonly (string | number)[], subject: string): string {
  if (keys.length === 0) return subject;
  return keys
    .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join("");
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
  int64: "a whole number",
};

function list(values: unknown): string {
  return (values as unknown[]).map((v) => JSON.stringify(v)).join(", ");
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
  data: unknown,
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
    const keys = keysOf(at, data);
    const holder = valueAt(data, keys);
    const present = group.filter((field) => valueAt(holder, [field]) !== undefined);
    if (present.length !== 1) {
      const where = keys.length === 0 ? "" : `${fieldName(keys, subject)}: `;
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
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Turns the generated checks' errors into issues with plain-English messages. */
export function describeErrors(
  subject: string,
  errors: readonly CheckError[],
  data: unknown,
): ValidationIssue[] {
  const relevant = errors.filter((error) => !repeatsTypeError(error, errors));
  const issues = foldExclusive(relevant, data, subject).map((entry) => {
    if (!("instancePath" in entry)) return entry;
    // A missing field is reported at the field itself, not at the object that lacks it.
    const missing = entry.keyword === "required" ? String(entry.params.missingProperty) : undefined;
    const path =
      missing === undefined
        ? entry.instancePath
        : `${entry.instancePath}/${missing.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    const keys = keysOf(path, data);
    return {
      path,
      keys,
      keyword: entry.keyword,
      message: explain(entry, fieldName(keys, subject), valueAt(data, keys)),
    };
  });
  return unique(issues);
}
