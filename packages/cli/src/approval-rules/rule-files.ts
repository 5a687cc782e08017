import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ApprovalRuleInput } from "@pgbeam/policies-types";
import { type PolicyFile, policyFiles } from "../profiles/policy-files.js";

/** The folder of approval-rule files inside the policies folder: one rule per file. */
export const approvalRulesFolder = "approval-rules";

/** The approval-rule folder of a policies folder. */
export const approvalRulesDir = (dir: string) => join(dir, approvalRulesFolder);

/**
 * Every approval-rule file (`approval-rules/NAME.yaml`, `.yml` or `.json`), sorted; none when the
 * folder does not exist (a project without rules needs no folder).
 */
export function approvalRuleFiles(dir: string, cwd: string): PolicyFile[] {
  const rules = approvalRulesDir(dir);
  return existsSync(rules) ? policyFiles(rules, cwd) : [];
}

/** The rule a file describes: its keys, with `name` taken from the file name when absent. */
export function approvalRuleInput(file: PolicyFile): ApprovalRuleInput {
  const value = file.value;
  const fields = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
  return { name: file.name, ...fields } as ApprovalRuleInput;
}
