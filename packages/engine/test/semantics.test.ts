// Cases of our own, written to the SPEC's semantics rather than copied from its answers.
import { beforeAll, describe, expect, test } from "vitest";
import { createEngine, type PolicyEngine } from "../src/index.js";
import { maskedList, readCorpus } from "./helpers.js";

const corpus = readCorpus("engine-semantics.json");
let engine: PolicyEngine;

beforeAll(async () => {
  engine = await createEngine();
});

describe("engine semantics", () => {
  test.each(corpus.cases.map((c) => [c.id, c] as const))("%s", (_, testCase) => {
    const result = engine.evaluate(testCase.sql, corpus.profiles[testCase.profile] as never);
    expect({
      verdict: result.verdict,
      rule: result.rule,
      masked: maskedList(result),
      filtered: result.row_filter_predicate !== undefined,
    }).toEqual({
      verdict: testCase.expect.verdict,
      rule: testCase.expect.rule,
      masked: testCase.expect.masked_columns.map((c) => `${c.column}:${c.kind}`).sort(),
      filtered: testCase.expect.row_filtered,
    });
  });
});
