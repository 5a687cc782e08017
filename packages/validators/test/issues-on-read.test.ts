import { inspect } from "node:util";
import { expect, test } from "vitest";
import { validatePolicyProfileInput } from "../src/index.js";

// A failed result writes its issues when `issues` is first read; these tests pin down that the
// reader cannot tell: same issues, same messages, in every form a result is looked at.

const invalid = () => ({ name: "", access_mode: "read_mostly", masking_rules: [{ table: "t" }] });

test("issues read later describe the value as it was validated", () => {
  const value = invalid();
  const result = validatePolicyProfileInput(value);
  value.name = "renamed";
  value.access_mode = "read_only";
  expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toEqual([
    'name must be at least 1 character long (got "")',
    'access_mode must be one of "read_only", "read_write" (got "read_mostly")',
    "masking_rules[0].column is required",
    "masking_rules[0].kind is required",
  ]);
});

test("issues are written once: every read returns the same array", () => {
  const result = validatePolicyProfileInput(invalid());
  if (result.ok) throw new Error("expected an invalid result");
  expect(result.issues).toBe(result.issues);
});

test("JSON, console.log and spreading the issues show the same as a plain object", () => {
  const result = validatePolicyProfileInput(invalid());
  if (result.ok) throw new Error("expected an invalid result");
  const plain = { ok: false, issues: result.issues };
  expect(JSON.parse(JSON.stringify(result))).toEqual(plain);
  expect(inspect(result, { depth: 4 })).toBe(inspect(plain, { depth: 4 }));
  expect({ ...result.issues[0] }).toEqual(result.issues[0]);
});

test("a value that throws when the issues are read gives an issue, not a throw", () => {
  let trap = false;
  const name = new Proxy(["not", "a", "string"], {
    get(target, key, receiver) {
      if (trap) throw new Error("gone");
      return Reflect.get(target, key, receiver);
    },
  });
  const result = validatePolicyProfileInput({ name });
  trap = true;
  expect(result.ok ? [] : result.issues).toEqual([
    expect.objectContaining({ keyword: "error", message: expect.stringContaining("gone") }),
  ]);
});
