import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isPolicyProfileInput, validators } from "../src/index.js";

const all = Object.entries(validators);
const seed = 20261125;

describe("any input gives a result: never a throw, never a mutation", () => {
  test("arbitrary JSON values, for every schema", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const before = JSON.stringify(value);
        for (const [, validator] of all) {
          const result = validator.validate(value);
          expect(typeof result.ok).toBe("boolean");
          expect(validator.is(value)).toBe(result.ok);
          if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
        }
        expect(JSON.stringify(value)).toBe(before);
      }),
      { seed, numRuns: 300 },
    );
  });

  test("a cyclic object", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    cyclic.statement_rules = cyclic;
    cyclic.masking_rules = [cyclic];
    const result = validators.PolicyProfileInput.validate(cyclic);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toContain("/masking_rules/0/table");
    expect(validators.PolicyProfile.validate(cyclic).ok).toBe(false);
  });

  test("a 10 MB string is reported without copying it into the message", () => {
    const result = validators.PolicyProfileInput.validate({ name: "x".repeat(10_000_000) });
    const message = result.ok ? "" : (result.issues[0]?.message ?? "");
    expect(message).toContain("(10000000 characters)");
    expect(message.length).toBeLessThan(200);
  });

  test("a 100 000-element array", () => {
    const allowlist = Array.from({ length: 100_000 }, (_, i) => `public.t${i}`);
    expect(
      validators.PolicyProfileInput.validate({ name: "big", table_allowlist: allowlist }).ok,
    ).toBe(true);
    const bad = validators.PolicyProfileInput.validate({
      name: "big",
      table_allowlist: [...allowlist, 42],
    });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(["/table_allowlist/100000"]);
  });

  test("prototype-polluting keys stay plain data", () => {
    const value = JSON.parse(
      '{"name":"p","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    );
    expect(isPolicyProfileInput(value)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const bad = JSON.parse('{"__proto__":{"name":"from-proto"}}');
    expect(isPolicyProfileInput(bad)).toBe(false);
  });

  test("values that are not JSON at all", () => {
    for (const value of [undefined, () => 1, Symbol("s"), 10n, new Map(), new Date(0)]) {
      expect(validators.PolicyProfileInput.validate(value).ok).toBe(false);
    }
  });
});
