// The engine's leak test: every statement of both corpora that the engine does not block runs
// on a real PostgreSQL 18 (PGlite) holding canaries; nothing the policy keeps in may come out,
// and a read_only verdict may change nothing.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createEngine, type PolicyEngine } from "../src/index.js";
import { families } from "./attacks/families.js";
import { readCorpus } from "./helpers.js";
import { LeakOracle } from "./oracle/leak-oracle.js";

let engine: PolicyEngine;
let oracle: LeakOracle;

beforeAll(async () => {
  [engine, oracle] = await Promise.all([createEngine(), LeakOracle.start()]);
}, 120_000);

afterAll(async () => {
  await oracle?.stop();
});

describe.each(["pgbeam-v2.json", "engine-semantics.json"])("no leak on PostgreSQL: %s", (file) => {
  const corpus = readCorpus(file);
  test("every statement the engine lets through keeps the policy's secrets", async () => {
    const found: string[] = [];
    for (const testCase of corpus.cases) {
      const policy = corpus.profiles[testCase.profile];
      if (policy === undefined) throw new Error(`unknown profile ${testCase.profile}`);
      const result = engine.evaluate(testCase.sql, policy);
      const report = await oracle.check(testCase.sql, policy, result);
      for (const leak of report.leaks) found.push(`${testCase.id}: ${leak}`);
      if (report.changedState) found.push(`${testCase.id}: read_only verdict changed state`);
    }
    expect(found).toEqual([]);
  });
});

describe("no leak on PostgreSQL: each family of attack", () => {
  test.each(families.map((family) => [family.name, family] as const))("%s", async (_, family) => {
    const found: string[] = [];
    for (const policy of family.profiles) {
      for (const sql of family.statements) {
        const result = engine.evaluate(sql, policy);
        if (process.env.LEAK_TRACE) console.error(policy.name, sql);
        const report = await oracle.check(sql, policy, result);
        const label = `[${policy.name}] ${sql} → ${result.verdict}/${result.rule}`;
        for (const leak of report.leaks) found.push(`${label}: ${leak}`);
        if (report.changedState) found.push(`${label}: read_only verdict changed state`);
      }
    }
    expect(found).toEqual([]);
  });
});
