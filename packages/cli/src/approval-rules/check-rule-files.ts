import type { ApprovalRuleInput } from "@pgbeam/policies-types";
import { validateApprovalRuleInput } from "@pgbeam/policies-validators";
import { isMap } from "yaml";
import { fileBaseOf } from "../files/profile-file-name.js";
import { type Located, type PolicyFile, positionOf } from "../profiles/policy-files.js";
import { didYouMean } from "../text/did-you-mean.js";
import { approvalRuleFields } from "./rule-fields.js";
import { approvalRuleInput } from "./rule-files.js";

/** The outcome of checking the rule files: every problem, and the rules of the files without any. */
export interface CheckedRules {
  problems: Located[];
  rules: Map<string, { file: PolicyFile; input: ApprovalRuleInput }>;
}

const fields = new Set(approvalRuleFields);

function nameProblem(file: PolicyFile, input: ApprovalRuleInput): string | undefined {
  const field: unknown = isMap(file.doc.contents) ? file.doc.get("name") : undefined;
  if (field === undefined && file.base.includes("~"))
    return "This file name is a shortened name (it ends in ~digest): add a name field with the rule's full name.";
  if (typeof input.name !== "string" || input.name === file.name) return undefined;
  return `name is ${JSON.stringify(input.name)} but the file is ${file.base}: the file name is the rule's name (the file for ${JSON.stringify(input.name)} is ${fileBaseOf(input.name)}.yaml).`;
}

/** Checks each approval-rule file against the spec's ApprovalRuleInput, with source positions. */
export function checkRuleFiles(files: readonly PolicyFile[]): CheckedRules {
  const problems: Located[] = [];
  const rules: CheckedRules["rules"] = new Map();
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
      at(
        "",
        "An approval-rule file must hold a mapping of ApprovalRuleInput fields.",
        "not-a-mapping",
      );
      continue;
    }
    const before = problems.length;
    const input = approvalRuleInput(file);
    for (const key of Object.keys(input))
      if (!fields.has(key))
        at(
          `/${key}`,
          `${key} is not an ApprovalRuleInput field.${didYouMean(key, approvalRuleFields) || ` Fields: ${approvalRuleFields.join(", ")}.`}`,
          "unknown-field",
        );
    const misnamed = nameProblem(file, input);
    if (misnamed !== undefined) at("/name", misnamed, "file-name");
    const result = validateApprovalRuleInput(input);
    if (!result.ok) for (const issue of result.issues) at(issue.path, issue.message);
    if (typeof input.name === "string" && input.name.trim() === "")
      at("/name", "name is blank: the API refuses a rule name of only spaces (400).");
    if (problems.length === before) rules.set(file.name, { file, input });
  }
  return { problems, rules };
}
