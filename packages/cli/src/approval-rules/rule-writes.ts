import { existsSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { ApprovalRule } from "@pgbeam/policies-types";
import { stringify } from "yaml";
import { caseFoldKey, fileBaseOf } from "../files/profile-file-name.js";
import type { NameCollision, ProfileWrite } from "../files/profile-writes.js";
import { checkedTarget } from "../files/write-inside.js";
import { ruleFieldChanges, ruleFileFields } from "./rule-fields.js";
import { approvalRuleFiles, approvalRuleInput, approvalRulesDir } from "./rule-files.js";

/** One rule file a pull would write, in the approval-rule folder `dir`. */
export interface RuleWrite extends ProfileWrite {
  dir: string;
}

/** The file text of a rule: every field written out; the name only when the file name cannot carry it. */
function fileText(rule: ApprovalRule, base: string, json: boolean): string {
  const fields = ruleFileFields(rule);
  const content = base.includes("~") ? { name: rule.name, ...fields } : fields;
  return json ? `${JSON.stringify(content, null, 2)}\n` : stringify(content, { lineWidth: 0 });
}

/**
 * What writing the project's `rules` into the approval-rule folder of `policiesDir` would do, each
 * target checked first: its status against the file there, and the names that would collide on a
 * case-insensitive file system (as pull does for profiles).
 */
export function planRuleWrites(
  policiesDir: string,
  cwd: string,
  rules: readonly ApprovalRule[],
): { writes: RuleWrite[]; collisions: NameCollision[] } {
  const dir = approvalRulesDir(policiesDir);
  const local = approvalRuleFiles(policiesDir, cwd);
  const localByName = new Map(local.map((file) => [file.name, file]));
  const groups = new Map<string, Set<string>>();
  const targets = rules.map((rule) => {
    const existing = localByName.get(rule.name);
    const base = existing?.base ?? fileBaseOf(rule.name);
    groups.set(caseFoldKey(base), (groups.get(caseFoldKey(base)) ?? new Set()).add(rule.name));
    return { rule, base, existing, fileName: existing ? basename(existing.path) : `${base}.yaml` };
  });
  for (const file of local) groups.get(caseFoldKey(file.base))?.add(file.name);
  const collisions: NameCollision[] = [];
  const writes: RuleWrite[] = [];
  for (const { rule, base, existing, fileName } of targets) {
    const group = groups.get(caseFoldKey(base)) ?? new Set();
    if (group.size > 1) {
      const shared = `${caseFoldKey(base)}.yaml`;
      if (!collisions.some((c) => c.fileName === shared))
        collisions.push({ names: [...group].sort(), fileName: shared });
      continue;
    }
    // A folder that does not exist yet holds no file to check; pull makes it before writing.
    if (existsSync(dir)) checkedTarget(dir, fileName);
    const text = fileText(rule, base, fileName.endsWith(".json"));
    const shownPath = relative(cwd, join(dir, fileName)) || fileName;
    const write = { dir, name: rule.name, fileName, shownPath, text };
    if (existing === undefined) {
      writes.push({ ...write, status: "new" });
      continue;
    }
    const changes =
      existing.syntaxErrors.length === 0
        ? ruleFieldChanges(approvalRuleInput(existing), rule)
        : undefined;
    writes.push({
      ...write,
      status: changes !== undefined && changes.length === 0 ? "same" : "changed",
      ...(changes === undefined ? {} : { fieldChanges: changes }),
    });
  }
  return { writes, collisions };
}
