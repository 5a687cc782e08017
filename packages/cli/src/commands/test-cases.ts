import type { PolicyEngine } from "@pgbeam/policies-engine";
import type { DryEvalResult, MaskedColumn } from "@pgbeam/policies-types";
import { isSeq } from "yaml";
import type { Located, PolicyFile } from "../policy-files.js";
import { positionOf } from "../policy-files.js";
import type { Checked } from "./validate.js";

/** What a test case expects; only the fields given are compared. */
export interface Expectation {
  verdict: DryEvalResult["verdict"];
  rule?: string;
  /** `{ column, kind }` objects or `"column:kind"` strings. */
  masked_columns?: (MaskedColumn | string)[];
  row_filtered?: boolean;
}

/** One case's outcome. */
export interface CaseResult {
  file: string;
  profile: string;
  index: number;
  sql: string;
  passed: boolean;
  expected: Record<string, unknown>;
  actual: Record<string, unknown>;
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
  for (const file of files) {
    const problem = (pointer: string, message: string) =>
      problems.push({ file: file.shownPath, ...positionOf(file, pointer), message });
    if (file.syntaxErrors.length > 0) {
      problems.push(...file.syntaxErrors);
      continue;
    }
    const profile = checked.profiles.get(file.name);
    if (profile === undefined) {
      problem("", `No valid profile ${file.name} for this test file (run validate).`);
      continue;
    }
    if (!isSeq(file.doc.contents)) {
      problem("", "A test file must hold a list of { sql, expect } cases.");
      continue;
    }
    const policy = engine.compile(profile.input);
    const cases = file.doc.toJS() as unknown[];
    cases.forEach((raw, index) => {
      const entry = raw as { sql?: unknown; expect?: Partial<Expectation> };
      if (typeof entry?.sql !== "string" || typeof entry.expect?.verdict !== "string") {
        problem(`/${index}`, "Each case needs sql (a string) and expect.verdict.");
        return;
      }
      const result = engine.evaluate(entry.sql, policy);
      const expect = entry.expect;
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
      const passed = JSON.stringify(expected) === JSON.stringify(actual);
      results.push({
        file: file.shownPath,
        profile: file.name,
        index,
        sql: entry.sql,
        passed,
        expected,
        actual,
      });
    });
  }
  return { results, problems };
}
