// apply's no-clobber guarantees hold for approval rules: If-Match, create keys, the enrollment 409.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createPolicyClient } from "@pgbeam/policies-client";
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env } = useMock();
/** A workspace with the config and one approval-rule file, `approval-rules/NAME.yaml`. */
function withRule(name: string, text: string): string {
  const cwd = workspace(config);
  mkdirSync(join(cwd, "policies/approval-rules"));
  writeFileSync(join(cwd, "policies/approval-rules", `${name}.yaml`), text);
  return cwd;
}
const rule = (name: string) => mock.approvalRules(project).find((r) => r.name === name);

describe("approval rules under apply's guarantees", () => {
  test("an edit of the rule while apply waits is refused with a real 412, never overwritten", async () => {
    mock.seedApprovalRules(project, [{ name: "deletes", statement_kinds: ["delete"] }]);
    const cwd = withRule("deletes", "statement_kinds: [delete]\nmin_affected_rows: 10\n");
    const someoneElse = createPolicyClient({
      apiKey: "pgb_cli",
      baseUrl: env().PGBEAM_BASE_URL as string,
    });
    const editMeanwhile = async () => {
      await someoneElse.approvalRules.update(project, rule("deletes")?.id as string, {
        name: "deletes",
        statement_kinds: ["delete", "update"],
      });
      return true;
    };
    const run = await cli(cwd, ["apply"], { env: env(), answer: editMeanwhile });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "✗ update approval rule deletes refused: deletes changed after the plan (412)",
    );
    expect(rule("deletes")).toMatchObject({ statement_kinds: ["delete", "update"] });
  });

  test("a retried create is stored once (the run's own idempotency key)", async () => {
    const cwd = withRule("ddl", "statement_kinds: [ddl]\n");
    mock.faults.next("createApprovalRule", { when: "after", reset: true });
    expect((await cli(cwd, ["apply", "--yes"], { env: env() })).code).toBe(0);
    expect(mock.approvalRules(project).map((r) => r.name)).toEqual(["ddl"]);
  });

  test("under a live self-host enrollment an enabled rule is refused (409); a disabled one is kept", async () => {
    mock.setSelfHostEnrollment({ expires_at: null, revoked_at: null });
    const cwd = withRule("ddl", "statement_kinds: [ddl]\n");
    const refused = await cli(cwd, ["apply", "--yes"], { env: env() });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("✗ create approval rule ddl failed: 409");
    expect(refused.stdout).toContain("Not applied: create approval rule ddl.");
    const disabled = withRule("ddl", "statement_kinds: [ddl]\nenabled: false\n");
    expect((await cli(disabled, ["apply", "--yes"], { env: env() })).code).toBe(0);
    expect(rule("ddl")).toMatchObject({ enabled: false });
  });
});
