import type { Severity } from "./finding.js";

/** What a lint rule is: its id (a finding's `code`), its severity, what it finds and what to do. */
export interface LintRuleInfo {
  readonly id: string;
  /** The severity of its findings (the highest, for a rule whose findings vary). */
  readonly severity: Severity;
  /** One line: what the rule finds. */
  readonly description: string;
  /** What to do about a finding. */
  readonly help: string;
}

/** The severities, worst first: the one order every user of findings sorts and compares by. */
export const severityOrder: readonly Severity[] = ["error", "warning", "info"];

/**
 * Every rule `lintPolicyProfile` applies, as data: the CLI's text output, its SARIF `rules` and
 * the READMEs read this list, so a rule is described once.
 */
export const lintRuleCatalogue: readonly LintRuleInfo[] = [
  {
    id: "conflicting-masking-rules",
    severity: "error",
    description: "A column is masked twice, with different kinds.",
    help: "Keep one masking rule per column.",
  },
  {
    id: "unsafe-row-filter",
    severity: "error",
    description: "A row filter predicate is not one boolean condition.",
    help: "Write a single boolean expression, such as tenant_id = 42, without ';', comments or clauses after it.",
  },
  {
    id: "read-write-without-allowlist",
    severity: "warning",
    description:
      "A read_write profile without a table allowlist lets the agent write to every table.",
    help: "List the tables the agent needs in table_allowlist.",
  },
  {
    id: "unbounded-writes",
    severity: "warning",
    description:
      "Writes commit without limit: no max_affected_rows, no approvals, write_mode normal.",
    help: "Set max_affected_rows, require approvals for writes, or use write_mode rollback or sandbox.",
  },
  {
    id: "no-query-budget",
    severity: "warning",
    description: "Neither an hourly nor a daily query budget is set.",
    help: "Set budget_queries_per_hour or budget_queries_per_day.",
  },
  {
    id: "no-read-ceiling",
    severity: "warning",
    description:
      "Reads are unbounded: no max_rows or egress_bytes_per_day (info when nothing is masked).",
    help: "Set max_rows or egress_bytes_per_day.",
  },
  {
    id: "unknown-statement-kind",
    severity: "warning",
    description: "A statement rule names a statement kind the SDK does not know.",
    help: "Use one of the known statement kinds (the finding suggests the closest).",
  },
  {
    id: "table-allowed-and-denied",
    severity: "warning",
    description: "A table is on both the allowlist and the denylist, so it is denied.",
    help: "Remove the table from one of the lists.",
  },
  {
    id: "auto-approve-without-approvals",
    severity: "warning",
    description: "approval_auto_max_rows is set while approval_mode is off.",
    help: "Turn approvals on, or remove approval_auto_max_rows.",
  },
  {
    id: "zero-approval-timeout",
    severity: "warning",
    description:
      "Approvals are on but held statements expire at once (approval_timeout_seconds 0).",
    help: "Give reviewers time, e.g. approval_timeout_seconds: 300.",
  },
  {
    id: "write-kind-under-read-only",
    severity: "warning",
    description: "A write statement kind is allowed, but read_only blocks it anyway.",
    help: "Remove the kind, or make the profile read_write.",
  },
  {
    id: "scan-budget-without-scanning",
    severity: "warning",
    description: "content_scan_max_bytes is set while content_scan_mode is off.",
    help: "Set content_scan_mode to annotate or block, or remove content_scan_max_bytes.",
  },
  {
    id: "unreachable-masking-rule",
    severity: "info",
    description: "A masking rule is on a table the table lists make unreachable.",
    help: "Remove the rule, or allow its table.",
  },
  {
    id: "unreachable-row-filter",
    severity: "info",
    description: "A row filter is on a table the table lists make unreachable.",
    help: "Remove the filter, or allow its table.",
  },
  {
    id: "ignored-under-read-only",
    severity: "info",
    description: "A write setting has no effect on a read_only profile.",
    help: "Remove the setting, or make the profile read_write.",
  },
  {
    id: "allowlist-and-denylist",
    severity: "info",
    description:
      "Both table lists are set; with an allowlist, the denylist only matters for tables on both.",
    help: "Keep only the allowlist unless you mean to carve tables out of it.",
  },
  {
    id: "statement-allow-and-deny",
    severity: "info",
    description:
      "Both statement lists are set; with an allow list, deny only matters for kinds on both.",
    help: "Keep only the allow list unless you mean to carve kinds out of it.",
  },
  {
    id: "duplicate-entry",
    severity: "info",
    description: "A list holds the same entry twice.",
    help: "Remove the repeated entry.",
  },
  {
    id: "content-block-after-writes",
    severity: "info",
    description: "content_scan_mode block withholds results, not writes that already ran.",
    help: "Use write_mode rollback or sandbox if flagged writes must not persist.",
  },
  {
    id: "masked-columns-unscanned",
    severity: "info",
    description: "Under content_scan_mode block, masked columns are not scanned.",
    help: "Nothing to change if the agent only needs the masked values; unmask a column if its raw content must be scanned.",
  },
];
