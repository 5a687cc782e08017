// Strings from the server never reach a terminal raw: control characters are shown as escapes.
import { describe, expect, test } from "vitest";
import { visible } from "../src/terminal/visible.js";
import { cli, workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env } = useMock();
const evil = "\u001b[2J\u001b[31mFAKE: 0 to delete\u001b[0m";
/** Whether the text holds a control character other than a line break. */
const hasRawControl = (text: string) =>
  [...text].some((c) => {
    const code = c.codePointAt(0) ?? 0;
    return (
      (code < 0x20 && c !== "\n") ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x202a && code <= 0x202e)
    );
  });

describe("visible", () => {
  test("controls, DEL, C1 and bidirectional overrides become escapes; other text stays", () => {
    expect(visible(evil)).toBe("\\x1b[2J\\x1b[31mFAKE: 0 to delete\\x1b[0m");
    expect(visible("a\nb\tc\r")).toBe("a\\nb\\tc\\r");
    expect(visible("\u009b31m \u007f \u202eabc")).toBe("\\x9b31m \\x7f \\u202eabc");
    expect(visible("soporte-técnico 日本 ✓")).toBe("soporte-técnico 日本 ✓");
  });
});

describe("text output escapes, JSON stays exact", () => {
  test("plan --prune and plan without it", async () => {
    mock.seed(project, [{ name: evil }]);
    const cwd = workspace(config);
    const pruned = await cli(cwd, ["plan", "--prune"], { env: env() });
    expect(hasRawControl(pruned.stdout)).toBe(false);
    expect(pruned.stdout).toContain("- delete  \\x1b[2J\\x1b[31mFAKE: 0 to delete\\x1b[0m (pol_");
    const note = await cli(cwd, ["plan"], { env: env() });
    expect(hasRawControl(note.stdout)).toBe(false);
    expect(note.stdout).toContain("1 remote profile has no file: \\x1b[2J");
    const json = await cli(cwd, ["plan", "--prune", "--json"], { env: env() });
    expect(JSON.parse(json.stdout).changes[0].name).toBe(evil);
  });

  test("the SQL and reasons of replay items", async () => {
    const [support] = mock.seed(project, [{ name: "support", access_mode: "read_write" }]);
    mock.attach(project, support?.id as string, "cred_x");
    mock.record(project, [{ sql: `DELETE FROM "${evil}" WHERE id = 1`, credential_id: "cred_x" }]);
    const cwd = workspace({ ...config, "support.yaml": "access_mode: read_only\n" });
    const text = await cli(cwd, ["plan", "--replay"], { env: env() });
    expect(text.stdout).toContain("newly blocked ×1");
    expect(hasRawControl(text.stdout)).toBe(false);
    expect(text.stdout).toContain("\\x1b[2J");
    const json = JSON.parse((await cli(cwd, ["plan", "--json"], { env: env() })).stdout);
    expect(json.replays[0].newly_blocked[0].sql).toContain(evil);
  });

  test("error details from the server, in apply's report and in a failed command", async () => {
    const cwd = workspace({ ...config, "support.yaml": "max_rows: 1\n" });
    mock.faults.next("createPolicyProfile", { status: 403, code: "FORBIDDEN", message: evil });
    const apply = await cli(cwd, ["apply", "--yes"], { env: env() });
    expect(apply.code).toBe(1);
    expect(hasRawControl(apply.stdout)).toBe(false);
    expect(apply.stdout).toContain("✗ create support failed: 403 \\x1b[2J");
    mock.faults.next("listPolicyProfiles", { status: 403, code: "FORBIDDEN", message: evil });
    const plan = await cli(cwd, ["plan"], { env: env() });
    expect(plan.code).toBe(1);
    expect(hasRawControl(plan.stderr)).toBe(false);
    expect(plan.stderr).toContain("\\x1b[2J");
  });
});
