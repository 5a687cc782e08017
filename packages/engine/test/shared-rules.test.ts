// The engine and the linter share one definition of relation matching and of approvals; these
// tests hold the two packages to the same answers on the profiles where they used to differ.
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import {
  holdsForApproval,
  kindAlwaysWrites,
  lintPolicyProfile,
  rowFilterTextProblem,
  statementKinds,
} from "@pgbeam/policies-validators";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { createEngine, type PolicyEngine } from "../src/index.js";
import { kindsThatAlwaysWrite } from "../src/node-rules.js";
import { maskedList } from "./helpers.js";

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

// One property per shared rule: whatever the linter says about a profile, the engine does.
const spellings = fc.constantFrom(
  "users",
  "Users",
  '"USERS"',
  "public.users",
  "PUBLIC.Users",
  "sales.users",
  "archive.users",
  "orders",
  "sales.orders",
);

describe("linter and engine agree, rule by rule", () => {
  test("relation matching: a mask the linter calls unreachable is on a relation the engine refuses", () => {
    fc.assert(
      fc.property(
        fc.array(spellings, { maxLength: 3 }),
        fc.array(spellings, { maxLength: 2 }),
        spellings,
        (allow, deny, table) => {
          const profile: PolicyProfileInput = {
            name: "p",
            access_mode: "read_only",
            table_allowlist: allow,
            table_denylist: deny,
            masking_rules: [{ table, column: "email", kind: "redact" }],
          };
          const unreachable = lintPolicyProfile(profile).findings.some(
            (f) => f.code === "unreachable-masking-rule",
          );
          const name = table.replaceAll('"', "");
          const result = engine.evaluate(`SELECT id FROM ${name}`, profile);
          expect(["table_denied", "table_not_allowed"].includes(result.rule)).toBe(unreachable);
        },
      ),
      { seed: 22, numRuns: 300 },
    );
  });

  test("statement kinds: the linter's always-a-write kinds are the ones read_only always refuses", () => {
    const samples: Record<string, string[]> = {
      insert: ["INSERT INTO t (a) VALUES (1)", "INSERT INTO t SELECT 1"],
      update: [
        "UPDATE t SET a = 1 WHERE id = 1",
        "MERGE INTO t USING s ON true WHEN MATCHED THEN UPDATE SET a = 1",
      ],
      delete: ["DELETE FROM t WHERE id = 1"],
      ddl: ["CREATE TABLE x (a int)", "ALTER TABLE t ADD COLUMN b int", "GRANT SELECT ON t TO r"],
      copy: ["COPY t TO STDOUT", "COPY t FROM STDIN"],
      select: ["SELECT 1"],
      set: ["SET statement_timeout = 1"],
      show: ["SHOW search_path"],
      explain: ["EXPLAIN SELECT 1"],
      transaction: ["BEGIN"],
    };
    for (const [kind, statements] of Object.entries(samples)) {
      const profile: PolicyProfileInput = {
        name: "k",
        access_mode: "read_only",
        statement_rules: { allow: [kind as never] },
      };
      const warned = lintPolicyProfile(profile).findings.some(
        (f) => f.code === "write-kind-under-read-only",
      );
      const alwaysRefused = statements.every(
        (sql) => engine.evaluate(sql, profile).rule === "read_only",
      );
      expect({ kind, warned }).toEqual({ kind, warned: alwaysRefused });
    }
  });

  test("approvals: the engine notes a wait exactly when holdsForApproval says so", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("read_only", "read_write") as fc.Arbitrary<"read_only" | "read_write">,
        fc.constantFrom("off", "all", "writes", "ddl") as fc.Arbitrary<
          "off" | "all" | "writes" | "ddl"
        >,
        fc.constantFrom(
          ["SELECT 1", false, false],
          ["INSERT INTO t (a) VALUES (1)", true, false],
          ["CREATE TABLE x (a int)", false, true],
        ) as fc.Arbitrary<[string, boolean, boolean]>,
        (access_mode, approval_mode, [sql, writes, ddl]) => {
          const profile: PolicyProfileInput = { name: "a", access_mode, approval_mode };
          const result = engine.evaluate(sql, profile);
          if (result.verdict === "block") return;
          const noted = (result.notes ?? []).some((n) => n.startsWith("approval_mode"));
          expect(noted).toBe(holdsForApproval({ access_mode, approval_mode }, { writes, ddl }));
        },
      ),
      { seed: 22, numRuns: 100 },
    );
  });

  test("row-filter safety: a predicate the linter rejects, the engine refuses, for the same reason", () => {
    const fragment = fc.constantFrom(
      "tenant_id = 1",
      "name = 'a;b'",
      "name = 'it''s'",
      ";",
      "--",
      "/*",
      ")",
      "(",
      " OR ",
      " UNION SELECT 1",
      " ORDER BY 1",
      "$$x$$",
      "'",
      "42",
      "lower(name) = 'x'",
    );
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 4 }), (parts) => {
        const predicate = parts.join("");
        const profile: PolicyProfileInput = {
          name: "f",
          access_mode: "read_only",
          row_filters: [{ table: "users", predicate }],
        };
        const textProblem = rowFilterTextProblem(predicate);
        const linted = lintPolicyProfile(profile).findings.some(
          (f) => f.code === "unsafe-row-filter",
        );
        expect(linted).toBe(textProblem !== undefined);
        const result = engine.evaluate("SELECT id FROM users", profile);
        if (linted) {
          expect(result.rule).toBe("row_filter_unsafe");
          expect(result.reason).toContain(textProblem);
        }
      }),
      { seed: 22, numRuns: 300 },
    );
  });

  test("masked columns compare case-insensitively in the linter and the engine", () => {
    const profile: PolicyProfileInput = {
      name: "m",
      access_mode: "read_only",
      masking_rules: [
        { table: "users", column: "Email", kind: "redact" },
        { table: "users", column: "EMAIL", kind: "hash" },
      ],
    };
    const conflicting = lintPolicyProfile(profile).findings.some(
      (f) => f.code === "conflicting-masking-rules",
    );
    expect(conflicting).toBe(true);
    expect(maskedList(engine.evaluate("SELECT email FROM users", profile))).toEqual([
      "email:redact",
    ]);
  });
});

describe("statement kinds: the engine's node table and the linter agree", () => {
  test("the kinds every statement of which writes are the linter's always-writing kinds", () => {
    const engineKinds = kindsThatAlwaysWrite().filter((kind) =>
      (statementKinds as readonly string[]).includes(kind),
    );
    expect(engineKinds.sort()).toEqual(statementKinds.filter(kindAlwaysWrites).sort());
  });
});
