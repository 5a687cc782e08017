// Hostile or careless input to the validators and the linter: each test failed before its fix.
import { expect, test } from "vitest";
import {
  lintPolicyProfile,
  validatePolicyProfileInput,
  validatePolicyReplaySummary,
} from "../src/index.js";

test("the linter is linear: 10 000 masking rules, filters and list entries", () => {
  const tables = Array.from({ length: 10_000 }, (_, i) => `public.t${i}`);
  const report = lintPolicyProfile({
    name: "huge",
    table_allowlist: tables,
    table_denylist: tables.slice(0, 5_000),
    masking_rules: tables.map((table) => ({ table, column: "email", kind: "hash" as const })),
    row_filters: tables.map((table) => ({ table, predicate: "tenant_id = 1" })),
  });
  const codes = new Set(report.findings.map((finding) => finding.code));
  expect(codes).toContain("table-allowed-and-denied");
  expect(codes).toContain("unreachable-masking-rule");
  expect(
    report.findings.filter((finding) => finding.code === "unreachable-row-filter"),
  ).toHaveLength(5_000);
});

test("validate() never throws, even on a Proxy whose every trap throws", () => {
  const hostile = new Proxy(
    {},
    {
      get: () => {
        throw new Error("boom");
      },
      has: () => {
        throw new Error("boom");
      },
      ownKeys: () => {
        throw new Error("boom");
      },
      getOwnPropertyDescriptor: () => {
        throw new Error("boom");
      },
      getPrototypeOf: () => {
        throw new Error("boom");
      },
    },
  );
  const result = validatePolicyProfileInput(hostile);
  expect(result.ok).toBe(false);
  const thrower = {
    toString: () => {
      throw new Error("no");
    },
  };
  const nasty = new Proxy(
    {},
    {
      get: () => {
        throw thrower;
      },
    },
  );
  expect(() => validatePolicyProfileInput(nasty)).not.toThrow();
});

test("int64 refuses numbers outside the signed 64-bit range", () => {
  const summary = {
    entries_scanned: 1,
    distinct_queries: 1,
    evaluated: 1,
    would_allow: 1,
    would_block: 0,
    would_mask: 0,
    would_row_filter: 0,
    newly_blocked: 0,
    newly_allowed: 0,
    skipped_unparseable: 0,
    truncated: false,
    traffic_scope: "project",
  };
  expect(validatePolicyReplaySummary(summary).ok).toBe(true);
  expect(validatePolicyReplaySummary({ ...summary, entries_scanned: 2 ** 62 }).ok).toBe(true);
  for (const huge of [2 ** 64, 1e308, -(2 ** 64)]) {
    expect(validatePolicyReplaySummary({ ...summary, entries_scanned: huge }).ok).toBe(false);
  }
});

test("the validators' errors are PgBeamErrors, so one instanceof catches everything the SDK throws", async () => {
  const { PgBeamError } = await import("@pgbeam/policies-types");
  const { ContractViolationError, ValidationError } = await import("../src/index.js");
  const issues = [{ path: "", keys: [], keyword: "type", message: "x" }];
  expect(new ValidationError("The request", issues)).toBeInstanceOf(PgBeamError);
  expect(new ContractViolationError("getPolicyProfile", 500, issues)).toBeInstanceOf(PgBeamError);
  expect(new ContractViolationError("getPolicyProfile", 500, issues)).toBeInstanceOf(
    ValidationError,
  );
  expect(new ValidationError("The request", issues)).not.toBeInstanceOf(ContractViolationError);
});
