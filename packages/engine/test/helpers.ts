import { readFileSync } from "node:fs";
import type { DryEvalResult, MaskedColumn, PolicyProfileInput } from "@pgbeam/policies-types";

/** One conformance case in the API's shapes. */
export interface ConformanceCase {
  id: string;
  profile: string;
  sql: string;
  expect: {
    verdict: DryEvalResult["verdict"];
    rule: string;
    masked_columns: MaskedColumn[];
    row_filtered: boolean;
  };
}

/** A corpus: named profiles and the cases run against them. */
export interface Corpus {
  profiles: Record<string, PolicyProfileInput>;
  cases: ConformanceCase[];
}

/** Reads a corpus file from `test/conformance/`. */
export function readCorpus(file: string): Corpus {
  return JSON.parse(
    readFileSync(new URL(`./conformance/${file}`, import.meta.url), "utf8"),
  ) as Corpus;
}

/** `masked_columns` as sorted `column:kind` strings (absent counts as none). */
export function maskedList(result: DryEvalResult): string[] {
  return (result.masked_columns ?? []).map((c) => `${c.column}:${c.kind}`).sort();
}
