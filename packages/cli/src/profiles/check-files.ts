import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { serviceFacts } from "@pgbeam/policies-types";
import { policyProfileFields, validatePolicyProfileInput } from "@pgbeam/policies-validators";
import { isMap } from "yaml";
import { fileBaseOf } from "../files/profile-file-name.js";
import { didYouMean } from "../text/did-you-mean.js";
import { type Located, type PolicyFile, positionOf, profileInput } from "./policy-files.js";

/** The outcome of checking the files: every problem, and the profiles of the files without any. */
export interface Checked {
  problems: Located[];
  profiles: Map<string, { file: PolicyFile; input: PolicyProfileInput }>;
}

const fields = new Set<string>(policyProfileFields);

/** Problems in reading order: by file, then line, then column. */
export function inLineOrder(problems: readonly Located[]): Located[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0),
  );
}

function nameProblem(file: PolicyFile, input: PolicyProfileInput): string | undefined {
  const field: unknown = isMap(file.doc.contents) ? file.doc.get("name") : undefined;
  if (field === undefined && file.base.includes("~"))
    return "This file name is a shortened name (it ends in ~digest): add a name field with the profile's full name.";
  if (typeof input.name !== "string" || input.name === file.name) return undefined;
  return `name is ${JSON.stringify(input.name)} but the file is ${file.base}: the file name is the profile's name (the file for ${JSON.stringify(input.name)} is ${fileBaseOf(input.name)}.yaml).`;
}

/** Checks each profile file against the spec with the validators; problems carry source positions. */
export function checkFiles(files: readonly PolicyFile[]): Checked {
  const problems: Located[] = [];
  const profiles: Checked["profiles"] = new Map();
  for (const file of files) {
    const at = (pointer: string, message: string, rule = "schema") => {
      const { line, col } = positionOf(file, pointer);
      problems.push({ file: file.shownPath, line, col, message, rule });
    };
    if (file.syntaxErrors.length > 0) {
      problems.push(...file.syntaxErrors);
      continue;
    }
    if (file.doc.contents !== null && !isMap(file.doc.contents)) {
      at("", "A profile file must hold a mapping of PolicyProfileInput fields.", "not-a-mapping");
      continue;
    }
    const before = problems.length;
    const input = profileInput(file);
    for (const key of Object.keys(input)) {
      if (!fields.has(key))
        at(
          `/${key}`,
          `${key} is not a PolicyProfileInput field.${didYouMean(key, policyProfileFields) || ` Fields: ${policyProfileFields.join(", ")}.`}`,
          "unknown-field",
        );
    }
    const misnamed = nameProblem(file, input);
    if (misnamed !== undefined) at("/name", misnamed, "file-name");
    const result = validatePolicyProfileInput(input);
    if (!result.ok) for (const issue of result.issues) at(issue.path, issue.message);
    const encoded = Buffer.byteLength(JSON.stringify(input), "utf8");
    if (encoded > serviceFacts.requestBodyLimitBytes)
      at(
        "",
        `The profile is ${encoded} bytes as JSON, over the API's request body limit of ${serviceFacts.requestBodyLimitBytes} bytes: the API would refuse it (413).`,
        "too-large",
      );
    if (problems.length === before) profiles.set(file.name, { file, input });
  }
  return { problems: inLineOrder(problems), profiles };
}

/** `file:line:col  message`, the form editors and CI annotate; `file: message` without a position. */
export function formatLocated(problem: Located): string {
  return problem.line === undefined
    ? `${problem.file}: ${problem.message}`
    : `${problem.file}:${problem.line}:${problem.col ?? 1}  ${problem.message}`;
}
