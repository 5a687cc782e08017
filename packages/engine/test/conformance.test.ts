// PgBeam's public conformance corpus, in the API's shapes: every case's verdict, rule,
// masked columns and row filtering must match, and the totals are printed as one line.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createEngine, type PolicyEngine } from "../src/index.js";
import { maskedList, readCorpus } from "./helpers.js";

const corpus = readCorpus("pgbeam-v2.json");
let engine: PolicyEngine;
const score = { verdicts: 0, masked: 0, rules: 0, filtered: 0 };

beforeAll(async () => {
  engine = await createEngine();
});

afterAll(() => {
  const n = corpus.cases.length;
  console.log(
    `conformance: ${score.verdicts}/${n} verdicts, ${score.masked}/${n} masked_columns, ${score.rules}/${n} rules, ${score.filtered}/${n} row_filtered`,
  );
});

describe("PgBeam conformance corpus", () => {
  test.each(corpus.cases.map((c) => [c.id, c] as const))("%s", (_, testCase) => {
    const profile = corpus.profiles[testCase.profile];
    if (profile === undefined) throw new Error(`unknown profile ${testCase.profile}`);
    const result = engine.evaluate(testCase.sql, profile);
    const expected = testCase.expect;
    const masked = maskedList(result);
    const wanted = expected.masked_columns.map((c) => `${c.column}:${c.kind}`).sort();
    if (result.verdict === expected.verdict) score.verdicts += 1;
    if (JSON.stringify(masked) === JSON.stringify(wanted)) score.masked += 1;
    if (result.rule === expected.rule) score.rules += 1;
    if ((result.row_filter_predicate !== undefined) === expected.row_filtered) score.filtered += 1;
    expect({
      verdict: result.verdict,
      rule: result.rule,
      masked,
      filtered: result.row_filter_predicate !== undefined,
    }).toEqual({
      verdict: expected.verdict,
      rule: expected.rule,
      masked: wanted,
      filtered: expected.row_filtered,
    });
  });

  test("the corpus mixes verdicts, so over-blocking and under-blocking both show", () => {
    const verdicts = new Set(corpus.cases.map((c) => c.expect.verdict));
    expect([...verdicts].sort()).toEqual(["allow", "block", "mask", "row-filter"]);
  });
});
