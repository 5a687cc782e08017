import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { componentSchema, resolve } from "@pgbeam/spec-testing";
import { expect, test } from "vitest";
import { policyProfileDefaults } from "../src/index.js";
import { effectiveProfile, withDefaults } from "../src/policy/index.js";

test("every field with a default in the spec has it, and no other", () => {
  const properties = componentSchema("PolicyProfileInput").properties as Record<
    string,
    Record<string, unknown>
  >;
  const expected = Object.fromEntries(
    Object.entries(properties)
      .map(([field, schema]) => [
        field,
        resolve<Record<string, unknown>>(schema).default ?? schema.default,
      ])
      .filter(([, value]) => value !== undefined),
  );
  expect(policyProfileDefaults).toEqual(expected);
  expect(Object.keys(expected)).toHaveLength(14);
});

test("absent and undefined fields get their default; given ones are kept; the input is untouched", () => {
  // A JavaScript caller may pass undefined for a field; the types forbid it.
  const input = Object.freeze({ name: "n", max_rows: 5, write_mode: undefined });
  const filled = withDefaults(input as unknown as PolicyProfileInput);
  expect(filled).toEqual({ ...policyProfileDefaults, name: "n", max_rows: 5 });
  expect(filled.approval_timeout_seconds).toBe(300);
  expect(input).toEqual({ name: "n", max_rows: 5, write_mode: undefined });
});

test("a __proto__ field stays a plain field", () => {
  const filled = withDefaults(JSON.parse('{"name":"n","__proto__":{"max_rows":7}}'));
  expect(filled.max_rows).toBe(0);
  expect(Object.getPrototypeOf(filled)).toBe(Object.prototype);
});

test("the effective profile adds an empty list for each list a saved profile always carries", () => {
  const saved = componentSchema("PolicyProfile") as { allOf: { required?: string[] }[] };
  const required = saved.allOf.flatMap((branch) => branch.required ?? []);
  const effective = effectiveProfile({ name: "n", table_denylist: ["audit"] });
  for (const list of ["table_allowlist", "table_denylist", "masking_rules"])
    expect(required).toContain(list);
  expect(effective).toEqual({
    ...policyProfileDefaults,
    name: "n",
    table_allowlist: [],
    table_denylist: ["audit"],
    masking_rules: [],
  });
});
