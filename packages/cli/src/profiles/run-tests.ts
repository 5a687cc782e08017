import type { PolicyEngine } from "@pgbeam/policies-engine";
import type { MaskedColumn } from "@pgbeam/policies-types";
import { isSeq } from "yaml";
import type { Checked } from "./check-files.js";
import type { Located, PolicyFile } from "./policy-files.js";
import { positionOf } from "./policy-files.js";
import { readCase } from "./test-expectations.js";

/** One case's outcome. */
export interface CaseResult {
  file: string;
  profile: string;
  index: number;
  sql: string;
  passed: boolean;
  expected: Record<string, unknown>;
  actual: Record<string, unknown>;
  /** What the engine said in full: its verdict, rule and reason. */
  outcome: { verdict: string; rule: string; reason: string };
}

const columnsOf = (columns: readonly (MaskedColumn | string)[]) =>
  columns.map((c) => (typeof c === "string" ? c : `${c.column}:${c.kind}`)).sort();

/** Runs every `NAME.test.yaml` against profile NAME with the offline engine. */
export function runTests(
  engine: PolicyEngine,
  files: readonly PolicyFile[],
  checked: Checked,
): { results: CaseResult[]; problems: Located[] } {
  const results: CaseResult[] = [];
  const problems: Located[] = [];
  const byBase = new Map([...checked.profiles.values()].map((p) => [p.file.base, p]));
  for (const file of files) {
    const problem = (pointer: string, message: string) =>
      problems.push({
        file: file.shownPath,
        ...positionOf(file, pointer),
        message,
        rule: "test-case",
      });
    if (file.syntaxErrors.length > 0) {
      problems.push(...file.syntaxErrors);
      continue;
    }
    const profile = byBase.get(file.base);
    if (profile === undefined) {
      problem("", `No valid profile ${file.base} for this test file (run validate).`);
      continue;
    }
    if (!isSeq(file.doc.contents)) {
      problem("", "A test file must hold a list of { sql, expect } cases.");
      continue;
    }
    const policy = engine.compile(profile.input);
    (file.value as unknown[]).forEach((raw, index) => {
      const read = readCase(raw, index);
      if (Array.isArray(read)) {
        for (const p of read) problem(p.pointer, p.message);
        return;
      }
      const { sql, expect } = read;
      const result = engine.evaluate(sql, policy);
      const expected: Record<string, unknown> = { verdict: expect.verdict };
      const actual: Record<string, unknown> = { verdict: result.verdict };
      if (expect.rule !== undefined) {
        expected.rule = expect.rule;
        actual.rule = result.rule;
      }
      if (expect.masked_columns !== undefined) {
        expected.masked_columns = columnsOf(expect.masked_columns);
        actual.masked_columns = columnsOf(result.masked_columns ?? []);
      }
      if (expect.row_filtered !== undefined) {
        expected.row_filtered = expect.row_filtered;
        actual.row_filtered = result.row_filter_predicate !== undefined;
      }
      results.push({
        file: file.shownPath,
        profile: profile.file.name,
        index,
        sql,
        passed: JSON.stringify(expected) === JSON.stringify(actual),
        expected,
        actual,
        outcome: { verdict: result.verdict, rule: result.rule, reason: result.reason },
      });
    });
  }
  return { results, problems };
}
