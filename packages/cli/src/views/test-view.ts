import type { CommandContext } from "../context.js";
import { formatLocated } from "../profiles/check-files.js";
import type { Located } from "../profiles/policy-files.js";
import type { CaseResult } from "../profiles/run-tests.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";

/** What `test` found: each case's result and the files' problems, in reading order. */
export interface TestOutcome {
  results: readonly CaseResult[];
  problems: readonly Located[];
  passed: number;
  failed: number;
}

/** Renders test's outcome: human text or one JSON document, chosen once by `--json`. */
export type TestView = (outcome: TestOutcome) => void;

/** A line per case, the fields that differ for a failure, and a summary. */
export function humanTestView({ out, paint }: CommandContext): TestView {
  return ({ results, problems, passed, failed }) => {
    for (const problem of problems) out(visible(formatLocated(problem)));
    for (const r of results) {
      out(`${r.passed ? paint.green("✓") : paint.red("✗")} ${visible(`${r.profile} › ${r.sql}`)}`);
      if (r.passed) continue;
      for (const key of Object.keys(r.expected)) {
        if (JSON.stringify(r.expected[key]) === JSON.stringify(r.actual[key])) continue;
        out(
          `    ${key}: ${paint.green(`expected ${JSON.stringify(r.expected[key])}`)}, ${paint.red(`got ${JSON.stringify(r.actual[key])}`)}`,
        );
      }
      out(visible(`    actual: ${r.outcome.verdict} (${r.outcome.rule}): ${r.outcome.reason}`));
    }
    const summary = `${passed} passed, ${failed} failed`;
    out(
      problems.length > 0
        ? `${summary}; ${count(problems.length, "problem")} in the files.`
        : summary,
    );
  };
}

/** `{ results, problems, passed, failed }` as one JSON document. */
export const jsonTestView =
  ({ out }: CommandContext): TestView =>
  (outcome) =>
    out(JSON.stringify(outcome, null, 2));
