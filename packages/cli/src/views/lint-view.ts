import type { CommandContext } from "../context.js";
import { formatLocated } from "../profiles/check-files.js";
import type { LocatedFinding } from "../profiles/lint-files.js";
import type { Located } from "../profiles/policy-files.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";
import { version } from "../version.js";
import { sarif } from "./sarif-log.js";

/** What `lint` found: the files' problems and the linter's findings in the valid ones. */
export interface LintOutcome {
  problems: readonly Located[];
  findings: readonly LocatedFinding[];
}

/** Renders lint's outcome in one of its formats, chosen once by `--format`. */
export type LintView = (outcome: LintOutcome) => void;

/** Text for terminals and CI logs: each problem, each finding with its help, a summary. */
function textView({ out, paint }: CommandContext): LintView {
  const tone = { error: paint.red, warning: paint.yellow, info: paint.dim };
  return ({ problems, findings }) => {
    for (const problem of problems) out(visible(formatLocated(problem)));
    for (const f of findings)
      out(
        `${visible(formatLocated(f))}  ${tone[f.severity](`${f.severity} ${f.code}`)}\n    → ${f.suggestion}`,
      );
    const invalid = problems.length;
    out(
      invalid > 0
        ? paint.red(
            `${count(invalid, "problem")}: lint reads only valid files, so fix ${invalid === 1 ? "it" : "them"} first (see validate); ${count(findings.length, "finding")} in the valid ones.`,
          )
        : `${count(findings.length, "finding")}.`,
    );
  };
}

/** `{ problems, findings }` as one JSON document. */
const jsonView =
  ({ out }: CommandContext): LintView =>
  ({ problems, findings }) =>
    out(JSON.stringify({ problems, findings }, null, 2));

/** A SARIF 2.1.0 log on stdout; stderr says how many invalid files it carries as errors. */
const sarifView =
  ({ out, io }: CommandContext): LintView =>
  ({ problems, findings }) => {
    out(JSON.stringify(sarif(findings, problems, version), null, 2));
    if (problems.length > 0)
      io.stderr(
        `pgbeam-policies: ${count(problems.length, "problem")} in the files, in the SARIF log as errors (see validate).\n`,
      );
  };

/** The formats `--format` accepts, each with its view. */
export const lintViews = { text: textView, json: jsonView, sarif: sarifView } as const;

/** A `--format` value. */
export type LintFormat = keyof typeof lintViews;
