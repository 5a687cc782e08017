import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { describe, expect, test } from "vitest";
import { lintPolicyProfile, validatePolicyProfileInput } from "../src/index.js";
import { holdsForApproval } from "../src/policy/index.js";

/** A careful profile that no rule fires on. */
const quiet: PolicyProfileInput = {
  name: "careful",
  access_mode: "read_write",
  statement_rules: { allow: ["select", "update"] },
  table_allowlist: ["public.tickets", "customers"],
  masking_rules: [{ table: "customers", column: "email", kind: "hash" }],
  row_filters: [{ table: "tickets", predicate: "tenant_id = current_setting('pgbeam.tenant')" }],
  budget_queries_per_hour: 100,
  max_rows: 500,
  approval_mode: "writes",
  max_affected_rows: 50,
};

function codes(profile: PolicyProfileInput): string[] {
  return lintPolicyProfile(profile).findings.map((f) => f.code);
}

function fired(profile: PolicyProfileInput, code: string) {
  return lintPolicyProfile(profile).findings.filter((f) => f.code === code);
}

test("a careful profile has no findings", () => {
  expect(lintPolicyProfile(quiet)).toEqual({
    findings: [],
    summary: { error: 0, warning: 0, info: 0 },
  });
});

describe.each<[string, PolicyProfileInput, string, string]>([
  [
    "read-write-without-allowlist",
    { ...quiet, table_allowlist: [] },
    "warning",
    "/table_allowlist",
  ],
  [
    "unbounded-writes",
    { ...quiet, approval_mode: "off", max_affected_rows: 0 },
    "warning",
    "/max_affected_rows",
  ],
  [
    "no-query-budget",
    { ...quiet, budget_queries_per_hour: 0 },
    "warning",
    "/budget_queries_per_hour",
  ],
  ["no-read-ceiling", { ...quiet, max_rows: 0, masking_rules: [] }, "info", "/max_rows"],
  [
    "unreachable-masking-rule",
    { ...quiet, table_denylist: ["CUSTOMERS"] },
    "info",
    "/masking_rules/0",
  ],
  [
    "unreachable-row-filter",
    { ...quiet, table_allowlist: ["customers"] },
    "info",
    "/row_filters/0",
  ],
  [
    "ignored-under-read-only",
    { ...quiet, access_mode: "read_only", statement_rules: {}, approval_mode: "off" },
    "info",
    "/max_affected_rows",
  ],
  ["allowlist-and-denylist", { ...quiet, table_denylist: ["secrets"] }, "info", "/table_denylist"],
  [
    "statement-allow-and-deny",
    { ...quiet, statement_rules: { allow: ["select"], deny: ["ddl"] } },
    "info",
    "/statement_rules/deny",
  ],
  [
    "unknown-statement-kind",
    { ...quiet, statement_rules: { allow: ["selct"] } },
    "warning",
    "/statement_rules/allow/0",
  ],
  [
    "table-allowed-and-denied",
    { ...quiet, table_denylist: ["public.customers"] },
    "warning",
    "/table_allowlist/1",
  ],
  [
    "conflicting-masking-rules",
    {
      ...quiet,
      masking_rules: [
        ...(quiet.masking_rules ?? []),
        { table: "public.Customers", column: "email", kind: "redact" },
      ],
    },
    "error",
    "/masking_rules/1",
  ],
  [
    "unsafe-row-filter",
    { ...quiet, row_filters: [{ table: "tickets", predicate: "true; drop table x" }] },
    "error",
    "/row_filters/0/predicate",
  ],
  [
    "auto-approve-without-approvals",
    { ...quiet, approval_mode: "off", approval_auto_max_rows: 5 },
    "warning",
    "/approval_auto_max_rows",
  ],
  [
    "zero-approval-timeout",
    { ...quiet, approval_timeout_seconds: 0 },
    "warning",
    "/approval_timeout_seconds",
  ],
  [
    "write-kind-under-read-only",
    { ...quiet, access_mode: "read_only", max_affected_rows: 0, approval_mode: "off" },
    "warning",
    "/statement_rules/allow/1",
  ],
  [
    "duplicate-entry",
    { ...quiet, table_allowlist: ["customers", "public.tickets", "Public.Customers"] },
    "info",
    "/table_allowlist/2",
  ],
])("%s", (code, profile, severity, path) => {
  test("fires, with its severity and path", () => {
    expect(fired(profile, code)).toEqual([
      expect.objectContaining({
        severity,
        path,
        message: expect.any(String),
        suggestion: expect.any(String),
      }),
    ]);
  });

  test("stays quiet on the careful profile", () => {
    expect(codes(quiet)).not.toContain(code);
  });
});

describe("rule details", () => {
  test("unknown statement kinds suggest a near miss, and only a near miss", () => {
    const [near] = fired(
      { ...quiet, statement_rules: { allow: ["selct"] } },
      "unknown-statement-kind",
    );
    expect(near?.message).toBe(
      '"selct" is not a statement kind this SDK knows; did you mean "select"?',
    );
    const [far] = fired(
      { ...quiet, statement_rules: { deny: ["truncate"] } },
      "unknown-statement-kind",
    );
    expect(far?.message).toBe('"truncate" is not a statement kind this SDK knows.');
    expect(far?.suggestion).toContain('unless PgBeam has added "truncate" since');
  });

  test("no read ceiling is a warning when columns are masked", () => {
    expect(fired({ ...quiet, max_rows: 0 }, "no-read-ceiling")[0]?.severity).toBe("warning");
  });

  test.each(["", "   ", "a = 1 -- comment", "a = 1 /* x */", "a = 1;"])(
    "row filter %j is unsafe",
    (predicate) => {
      expect(
        fired({ ...quiet, row_filters: [{ table: "tickets", predicate }] }, "unsafe-row-filter"),
      ).toHaveLength(1);
    },
  );

  test("the same masking kind twice is not a conflict", () => {
    const twice = [
      ...(quiet.masking_rules ?? []),
      { table: "customers", column: "email", kind: "hash" as const },
    ];
    expect(fired({ ...quiet, masking_rules: twice }, "conflicting-masking-rules")).toEqual([]);
  });

  test("defaults count: an input with only a name is unbounded but read-only", () => {
    expect(codes({ name: "bare" })).toEqual(["no-query-budget", "no-read-ceiling"]);
  });

  test("findings come worst first, with a summary", () => {
    const report = lintPolicyProfile({
      ...quiet,
      table_denylist: ["secrets"],
      budget_queries_per_hour: 0,
      row_filters: [{ table: "tickets", predicate: "true; drop table x" }],
    });
    expect(report.findings.map((f) => f.severity)).toEqual(["error", "warning", "info"]);
    expect(report.summary).toEqual({ error: 1, warning: 1, info: 1 });
  });
});

describe("statement kinds are an open enum", () => {
  test("an unknown kind is valid input; the linter warns and never errors", () => {
    const input = {
      ...quiet,
      statement_rules: { allow: ["select", "merge"], deny: ["vacuum_full"] },
    };
    expect(validatePolicyProfileInput(input).ok).toBe(true);
    const found = fired(input, "unknown-statement-kind");
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      ["/statement_rules/allow/1", "warning"],
      ["/statement_rules/deny/0", "warning"],
    ]);
  });
});

describe("approvals under read_only", () => {
  // PgBeam's own linter counts approval_mode (even `all`) and approval_auto_max_rows among the
  // settings a read-only profile ignores; holdsForApproval is that rule, for linter and engine.
  test("every approval setting is reported as ignored, `all` included", () => {
    const found = fired(
      {
        name: "ro",
        access_mode: "read_only",
        approval_mode: "all",
        approval_auto_max_rows: 10,
        approval_timeout_seconds: 0,
      },
      "ignored-under-read-only",
    );
    expect(found.map((f) => [f.path, f.message])).toEqual([
      [
        "/approval_mode",
        "approval_mode has no effect: a read_only profile never holds a statement for approval.",
      ],
      [
        "/approval_auto_max_rows",
        "approval_auto_max_rows has no effect: a read_only profile never holds a statement for approval.",
      ],
    ]);
    // Nor is a zero timeout worth a warning when nothing ever waits.
    expect(codes({ name: "ro", approval_mode: "all", approval_timeout_seconds: 0 })).not.toContain(
      "zero-approval-timeout",
    );
  });

  test("under read_write the same settings are live", () => {
    const profile: PolicyProfileInput = {
      name: "rw",
      access_mode: "read_write",
      approval_mode: "all",
      approval_auto_max_rows: 10,
    };
    expect(codes(profile)).not.toContain("ignored-under-read-only");
    expect(holdsForApproval({ access_mode: "read_write", approval_mode: "all" }, read)).toBe(true);
    expect(holdsForApproval({ access_mode: "read_only", approval_mode: "all" }, read)).toBe(false);
    expect(holdsForApproval({ access_mode: "read_write", approval_mode: "ddl" }, write)).toBe(
      false,
    );
    expect(holdsForApproval({ access_mode: "read_write", approval_mode: "writes" }, write)).toBe(
      true,
    );
  });
});

const read = { writes: false, ddl: false };
const write = { writes: true, ddl: false };

describe("relation matching follows relationKey (PgBeam's conformance SPEC)", () => {
  // Case-insensitive, quotes dropped, bare `users` the same relation as `public.users`.
  const base: PolicyProfileInput = { name: "m", access_mode: "read_write" };
  const unreachable = (profile: PolicyProfileInput) =>
    lintPolicyProfile(profile)
      .findings.filter((f) => f.code.startsWith("unreachable-"))
      .map((f) => f.path);

  test("a mask on sales.orders is unreachable under an allowlist of bare orders (public.orders)", () => {
    expect(
      unreachable({
        ...base,
        table_allowlist: ["orders"],
        masking_rules: [
          { table: "sales.orders", column: "total", kind: "redact" },
          { table: "public.orders", column: "total", kind: "redact" },
          { table: "ORDERS", column: "email", kind: "hash" },
        ],
      }),
    ).toEqual(["/masking_rules/0"]);
  });

  test('a quoted "users" is users, and PUBLIC.USERS in the denylist denies it', () => {
    expect(
      unreachable({
        ...base,
        table_allowlist: ['"users"'],
        masking_rules: [{ table: "users", column: "email", kind: "hash" }],
        row_filters: [{ table: '"Users"', predicate: "tenant_id = 1" }],
      }),
    ).toEqual([]);
    expect(
      unreachable({
        ...base,
        table_denylist: ["PUBLIC.USERS"],
        masking_rules: [{ table: '"users"', column: "email", kind: "hash" }],
        row_filters: [{ table: "users", predicate: "tenant_id = 1" }],
      }),
    ).toEqual(["/masking_rules/0", "/row_filters/0"]);
  });
});
