import { expect, test } from "vitest";
import { instrument } from "../src/instrument.js";
import { mismatch, parseExpected } from "../src/result-notation.js";

const check = (comment: string, ...values: unknown[]) => {
  const expected = parseExpected(comment);
  if (!expected) throw new Error(`not a result: ${comment}`);
  return expected.map((e, i) => mismatch(e, values[i])).filter(Boolean);
};

test("prose and examples are not assertions", () => {
  expect(parseExpected("reads PGBEAM_API_KEY (or pass apiKey / token)")).toBeUndefined();
  expect(parseExpected('e.g. masking_rules[0].kind must be one of "redact"')).toBeUndefined();
  expect(parseExpected("0 = unlimited")).toBeUndefined();
  expect(parseExpected('"a" or "b"')).toBeUndefined();
});

test("values separated by spaces are the arguments of console.log", () => {
  expect(check('"block" "whereless_write"', "block", "whereless_write")).toEqual([]);
  expect(check('"block" "read_only"', "block", "whereless_write")).toEqual([
    'value is "whereless_write", not "read_only"',
  ]);
  expect(check("3 true null", 3, true, null)).toEqual([]);
});

test("… stands for any value, further items, or any text in a string", () => {
  const result = { verdict: "mask", masked_columns: [{ column: "contact", kind: "redact" }, {}] };
  expect(
    check('{ verdict: "mask", masked_columns: [{ column: "contact", … }, …], … }', result),
  ).toEqual([]);
  expect(
    check('{ hash: "…", normalized: "SELECT $1" }', { hash: "ab", normalized: "SELECT $1" }),
  ).toEqual([]);
  expect(check('"a …, b"', "a x, b")).toEqual([]);
  expect(check("{ hint: … }", { verdict: "block" })).toEqual(["value.hint is missing"]);
  expect(check("[1, 2]", [1, 2, 3])).toEqual(["value has 3 items, not 2"]);
});

test("a statement with a result comment on its line or the next one reports its values", () => {
  const block = instrument(
    'console.log(a, b); // "x" 1\nf(); // a call\ng()\n// { ok: true }\nh();',
    "/r.js",
    "/v.js",
  );
  expect(block.results.map((r) => [r.line, r.text])).toEqual([
    [0, '"x" 1'],
    [2, "{ ok: true }"],
  ]);
  expect(block.code).toContain("__result(0, [a, b], true);");
  expect(block.code).toContain("__result(1, [g()], false);");
  expect(block.code).toContain("f(); // a call");
});
