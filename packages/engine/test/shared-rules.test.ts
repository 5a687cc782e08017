// The engine and the linter share one definition of relation matching and of approvals; these
// tests hold the two packages to the same answers on the profiles where they used to differ.
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { lintPolicyProfile } from "@pgbeam/policies-validators";
import { beforeAll, describe, expect, test } from "vitest";
import { createEngine, type PolicyEngine } from "../src/index.js";

let engine: PolicyEngine;
beforeAll(async () => {
  engine = await createEngine();
});

describe("a relation the linter calls unreachable is one the engine refuses", () => {
  const cases: [string, PolicyProfileInput, string][] = [
    [
      "mask on sales.orders, allowlist of bare orders",
      {
        name: "a",
        access_mode: "read_write",
        table_allowlist: ["orders"],
        masking_rules: [{ table: "sales.orders", column: "total", kind: "redact" }],
      },
      "SELECT total FROM sales.orders",
    ],
    [
      "mask on public.orders, allowlist of bare orders",
      {
        name: "b",
        access_mode: "read_write",
        table_allowlist: ["orders"],
        masking_rules: [{ table: "public.orders", column: "total", kind: "redact" }],
      },
      "SELECT total FROM orders",
    ],
    [
      'row filter on "Users", denylist PUBLIC.USERS',
      {
        name: "c",
        access_mode: "read_write",
        table_denylist: ["PUBLIC.USERS"],
        row_filters: [{ table: '"Users"', predicate: "tenant_id = 1" }],
      },
      "SELECT id FROM users",
    ],
    [
      'mask on users, allowlist "users"',
      {
        name: "d",
        access_mode: "read_write",
        table_allowlist: ['"users"'],
        masking_rules: [{ table: "users", column: "email", kind: "hash" }],
      },
      'SELECT email FROM "USERS"',
    ],
  ];
  test.each(cases)("%s", (_, profile, sql) => {
    const unreachable = lintPolicyProfile(profile).findings.some((f) =>
      f.code.startsWith("unreachable-"),
    );
    const result = engine.evaluate(sql, profile);
    expect(result.verdict === "block").toBe(unreachable);
    if (unreachable) expect(["table_not_allowed", "table_denied"]).toContain(result.rule);
  });
});

describe("approvals hold nothing under read_only, as the linter says", () => {
  const approvalNote = (profile: PolicyProfileInput, sql: string) =>
    (engine.evaluate(sql, profile).notes ?? []).some((note) => note.startsWith("approval_mode"));

  test("approval_mode all: a read waits under read_write, not under read_only", () => {
    const settings = { approval_mode: "all", approval_auto_max_rows: 10 } as const;
    expect(approvalNote({ name: "rw", access_mode: "read_write", ...settings }, "SELECT 1")).toBe(
      true,
    );
    const readOnly: PolicyProfileInput = { name: "ro", access_mode: "read_only", ...settings };
    expect(approvalNote(readOnly, "SELECT 1")).toBe(false);
    expect(lintPolicyProfile(readOnly).findings.map((f) => f.path)).toContain("/approval_mode");
  });
});
