// Properties that hold for every policy and statement the arbitraries produce.
import type { PolicyProfileInput, StatementKind } from "@pgbeam/policies-types";
import { statementKinds } from "@pgbeam/policies-validators";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { createEngine, type PolicyEngine } from "../src/index.js";
import { anySql, policyArbitrary, readSql, relationNames, writeSql } from "./sql-arbitrary.js";

let engine: PolicyEngine;
const options = { seed: 1126, numRuns: 600 };

beforeAll(async () => {
  engine = await createEngine();
});

describe("properties", () => {
  test("a read_only policy never lets a write, a lock or DDL through", () => {
    fc.assert(
      fc.property(writeSql, policyArbitrary, (sql, policy) => {
        expect(engine.evaluate(sql, { ...policy, access_mode: "read_only" }).verdict).toBe("block");
      }),
      options,
    );
  });

  test("whatever the classifier calls a write is blocked under read_only", () => {
    fc.assert(
      fc.property(anySql, (sql) => {
        const writes = engine.classifyStatement(sql).some((statement) => statement.writes);
        const verdict = engine.evaluate(sql, { name: "ro", access_mode: "read_only" }).verdict;
        if (writes) expect(verdict).toBe("block");
      }),
      options,
    );
  });

  test("denying one more relation or statement kind never turns a block into an allow", () => {
    const more = fc.oneof(
      fc.constantFrom(...relationNames).map((relation) => ({ relation })),
      fc.constantFrom(...(statementKinds as readonly StatementKind[])).map((kind) => ({ kind })),
    );
    fc.assert(
      fc.property(anySql, policyArbitrary, more, (sql, policy, extra) => {
        const before = engine.evaluate(sql, policy);
        const stricter: PolicyProfileInput =
          "relation" in extra
            ? {
                ...policy,
                table_denylist: [
                  ...(policy.table_denylist ?? []),
                  extra.relation.replaceAll('"', ""),
                ],
              }
            : {
                ...policy,
                statement_rules: {
                  ...policy.statement_rules,
                  deny: [...(policy.statement_rules?.deny ?? []), extra.kind],
                },
              };
        if (before.verdict === "block")
          expect(engine.evaluate(sql, stricter).verdict).toBe("block");
      }),
      options,
    );
  });

  test("a statement that reads a masked relation always reports its masked column", () => {
    fc.assert(
      fc.property(readSql, (sql) => {
        const result = engine.evaluate(sql, {
          name: "masked",
          masking_rules: [{ table: "users", column: "email", kind: "redact" }],
        });
        const touchesUsers = engine.relationsOf(sql).some((relation) => relation.key === "users");
        if (touchesUsers && result.verdict !== "block") {
          expect(result.masked_columns).toContainEqual({ column: "email", kind: "redact" });
        }
      }),
      options,
    );
  });

  test("rewritten SQL always parses again, with the same statements and relations", () => {
    const policy = {
      name: "filtered",
      access_mode: "read_write" as const,
      row_filters: [
        { table: "users", predicate: "tenant_id = 7" },
        { table: "app.orders", predicate: "region = current_setting('app.region')" },
      ],
    };
    fc.assert(
      fc.property(anySql, (sql) => {
        const result = engine.evaluate(sql, policy);
        if (result.rewritten_sql === undefined) return;
        const before = engine.classifyStatement(sql).map((s) => s.kind);
        expect(engine.classifyStatement(result.rewritten_sql).map((s) => s.kind)).toEqual(before);
        const keys = (text: string) =>
          engine
            .relationsOf(text)
            .map((r) => `${r.mode}:${r.key}`)
            .sort();
        expect(keys(result.rewritten_sql)).toEqual(keys(sql));
      }),
      options,
    );
  });

  test("evaluation is pure: the same input gives the same answer and the policy is not changed", () => {
    fc.assert(
      fc.property(anySql, policyArbitrary, (sql, policy) => {
        const copy = structuredClone(policy);
        expect(engine.evaluate(sql, policy)).toEqual(engine.evaluate(sql, policy));
        expect(policy).toEqual(copy);
      }),
      { ...options, numRuns: 200 },
    );
  });
});
