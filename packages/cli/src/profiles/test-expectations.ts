import type { MaskedColumn, Verdict } from "@pgbeam/policies-types";
import { validateMaskingKind, validateVerdict } from "@pgbeam/policies-validators";
import { didYouMean } from "../text/did-you-mean.js";

/** What a test case expects; only the fields given are compared. */
export interface Expectation {
  verdict: Verdict;
  rule?: string;
  /** `{ column, kind }` objects or `"column:kind"` strings. */
  masked_columns?: (MaskedColumn | string)[];
  row_filtered?: boolean;
}

/** One test case as read from a `NAME.test.yaml`. */
export interface TestCase {
  sql: string;
  expect: Expectation;
}

const caseKeys = ["sql", "expect"];
const expectationKeys = ["verdict", "rule", "masked_columns", "row_filtered"];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** One input problem at a JSON pointer of the test file. */
export interface CaseProblem {
  pointer: string;
  message: string;
}

function unknownKeys(value: Record<string, unknown>, known: string[], at: string): CaseProblem[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({
      pointer: `${at}/${key}`,
      message: `${key} is not a test case field.${didYouMean(key, known) || ` Fields: ${known.join(", ")}.`}`,
    }));
}

function maskedColumnProblems(value: unknown, at: string): CaseProblem[] {
  if (!Array.isArray(value))
    return [
      {
        pointer: at,
        message: 'masked_columns must be a list of "column:kind" or { column, kind }.',
      },
    ];
  return value.flatMap((item, index) => {
    const pointer = `${at}/${index}`;
    const kind =
      typeof item === "string" ? item.split(":").at(-1) : isRecord(item) ? item.kind : undefined;
    const column =
      typeof item === "string"
        ? item.split(":").slice(0, -1).join(":")
        : isRecord(item)
          ? item.column
          : undefined;
    if (typeof column !== "string" || column === "")
      return [
        {
          pointer,
          message: `masked_columns[${index}] needs a column ("column:kind" or { column, kind }).`,
        },
      ];
    const checked = validateMaskingKind(kind);
    return checked.ok
      ? []
      : checked.issues.map((issue) => ({
          pointer,
          message: `masked_columns[${index}].kind: ${issue.message}`,
        }));
  });
}

/** The case if it is well formed, else every problem with it (unknown fields, bad values). */
export function readCase(raw: unknown, index: number): TestCase | CaseProblem[] {
  const at = `/${index}`;
  if (!isRecord(raw) || typeof raw.sql !== "string" || !isRecord(raw.expect))
    return [
      {
        pointer: at,
        message: "Each case needs sql (a string) and expect (a mapping with verdict).",
      },
    ];
  const expect = raw.expect;
  const problems = [
    ...unknownKeys(raw, caseKeys, at),
    ...unknownKeys(expect, expectationKeys, `${at}/expect`),
  ];
  const verdict = validateVerdict(expect.verdict);
  if (!verdict.ok)
    problems.push({
      pointer: `${at}/expect/verdict`,
      message: `expect.verdict: ${verdict.issues[0]?.message ?? "not a verdict"}.`,
    });
  if (expect.rule !== undefined && typeof expect.rule !== "string")
    problems.push({
      pointer: `${at}/expect/rule`,
      message: "expect.rule must be a string, such as read_only.",
    });
  if (expect.masked_columns !== undefined)
    problems.push(...maskedColumnProblems(expect.masked_columns, `${at}/expect/masked_columns`));
  if (expect.row_filtered !== undefined && typeof expect.row_filtered !== "boolean")
    problems.push({
      pointer: `${at}/expect/row_filtered`,
      message: "expect.row_filtered must be true or false.",
    });
  return problems.length > 0
    ? problems
    : { sql: raw.sql, expect: expect as unknown as Expectation };
}
