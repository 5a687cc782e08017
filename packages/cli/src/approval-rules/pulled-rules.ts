import { mkdirSync } from "node:fs";
import type { PolicyClient } from "@pgbeam/policies-client";
import type { NameCollision } from "../files/profile-writes.js";
import { count } from "../text/plural.js";
import { remoteRules } from "./remote-rules.js";
import { approvalRulesDir } from "./rule-files.js";
import { planRuleWrites, type RuleWrite } from "./rule-writes.js";

/**
 * The project's approval rules as `pull` writes them: the writes (checked as profiles' are, so
 * a changed file stops the whole pull without --force) and collisions. `written()` counts the
 * rule files written and `summary()` says so; `folderFor` is a rule write's folder, made only
 * when a rule file is written (undefined for a profile's write).
 */
export async function pulledRules(
  pgbeam: PolicyClient,
  project: string,
  dir: string,
  cwd: string,
): Promise<{
  writes: RuleWrite[];
  collisions: NameCollision[];
  written: () => number;
  summary: () => string;
  folderFor: (write: object) => string | undefined;
}> {
  const rules = await remoteRules(pgbeam, project);
  const { writes, collisions } = planRuleWrites(dir, cwd, rules);
  const written = () => writes.filter((write) => write.status !== "same").length;
  const summary = () => (rules.length === 0 ? "" : ` and ${count(written(), "approval rule")}`);
  const folderFor = (write: object) => {
    if (!writes.includes(write as RuleWrite)) return undefined;
    mkdirSync(approvalRulesDir(dir), { recursive: true });
    return (write as RuleWrite).dir;
  };
  return { writes, collisions, written, summary, folderFor };
}
