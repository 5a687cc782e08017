import { mkdirSync } from "node:fs";
import type { PolicyClient } from "@pgbeam/policies-client";
import type { NameCollision } from "../files/profile-writes.js";
import { count } from "../text/plural.js";
import { remoteRules } from "./remote-rules.js";
import { approvalRulesDir } from "./rule-files.js";
import { planRuleWrites, type RuleWrite } from "./rule-writes.js";

/**
 * The project's approval rules as `pull` writes them: the writes (checked as profiles' are, so
 * a changed file stops the whole pull without --force) and collisions. The folder is made only
 * when the project has rules. `written()` counts the rule files written, `summary()` says so, `dirOf` is a rule write's folder.
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
  dirOf: (write: object) => string | undefined;
}> {
  const rules = await remoteRules(pgbeam, project);
  if (rules.length > 0) mkdirSync(approvalRulesDir(dir), { recursive: true });
  const { writes, collisions } = planRuleWrites(dir, cwd, rules);
  const written = () => writes.filter((write) => write.status !== "same").length;
  const summary = () => (rules.length === 0 ? "" : ` and ${count(written(), "approval rule")}`);
  const dirOf = (write: object) =>
    writes.includes(write as RuleWrite) ? (write as RuleWrite).dir : undefined;
  return { writes, collisions, written, summary, dirOf };
}
