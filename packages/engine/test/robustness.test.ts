// The engine never throws on a string and fails closed on whatever it cannot judge.
import { validateDryEvalResult } from "@pgbeam/policies-validators";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { createEngine, type PolicyEngine } from "../src/index.js";
import { mutatedSql, policyArbitrary } from "./sql-arbitrary.js";

let engine: PolicyEngine;
const seed = 20261126;

beforeAll(async () => {
  engine = await createEngine();
});

/** Evaluates and checks the result against the spec's DryEvalResult schema. */
function judged(sql: string, policy = { name: "robust", access_mode: "read_write" as const }) {
  const result = engine.evaluate(sql, policy);
  const checked = validateDryEvalResult(result);
  if (!checked.ok) throw new Error(checked.issues.map((issue) => issue.message).join("; "));
  return result;
}

describe("robustness", () => {
  test("random strings never throw and always give a spec-valid result", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (sql) => {
        judged(sql);
      }),
      { seed, numRuns: 2000 },
    );
  });

  test("mutated SQL under random policies never throws and always gives a spec-valid result", () => {
    fc.assert(
      fc.property(mutatedSql, policyArbitrary, (sql, policy) => {
        const result = engine.evaluate(sql, policy);
        expect(validateDryEvalResult(result).ok).toBe(true);
      }),
      { seed, numRuns: 1500 },
    );
  });

  test("10 000 nested parentheses are a parse_error, not a crash or a hang", () => {
    const sql = `SELECT ${"(".repeat(10_000)}1${")".repeat(10_000)}`;
    expect(judged(sql)).toMatchObject({ verdict: "block", rule: "parse_error" });
  });

  test("deep nesting the parser accepts is still judged (or refused), never thrown", () => {
    let sql = "SELECT id FROM secrets";
    for (let i = 0; i < 900; i += 1) sql = `SELECT * FROM (${sql}) s${i}`;
    const result = judged(sql, {
      name: "deny",
      access_mode: "read_write",
      table_denylist: ["secrets"],
    } as never);
    expect(result.verdict).toBe("block");
    const negations = `SELECT ${"-".repeat(0)}${"NOT ".repeat(5000)}true`;
    expect(["allow", "block"]).toContain(judged(negations).verdict);
  });

  test("SQL over the spec's length limit is blocked before parsing", () => {
    const sql = `SELECT '${"x".repeat(100_000)}'`;
    expect(judged(sql)).toMatchObject({ verdict: "block", rule: "sql_too_long" });
    expect(judged(`SELECT '${"x".repeat(99_980)}'`).verdict).toBe("allow");
  });

  test("lone surrogates, NULs and control characters are judged like any text", () => {
    for (const sql of [
      "\uD800",
      "SELECT '\uDC00'",
      "\u0000",
      "SELECT 1\u0000; DROP TABLE users",
      "\u001b[31m",
    ]) {
      expect(() => judged(sql)).not.toThrow();
    }
  });
});
