import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { statementKinds } from "../generated/spec-facts.gen.js";
import { approvalsEverHold } from "../policy/approvals.js";
import type { EffectiveProfile } from "../policy/effective-profile.js";
import { columnKey } from "../policy/identifier.js";
import { relationKey, relationLists } from "../policy/relation-matching.js";
import { rowFilterTextProblem } from "../policy/row-filter-safety.js";
import { kindAlwaysWrites } from "../policy/statement-effects.js";
import { closest } from "./closest.js";
import { blockDoesNotUndoWrites } from "./content-block-after-writes.js";
import type { LintFinding } from "./finding.js";
import { maskedColumnsUnscanned } from "./masked-columns-unscanned.js";
import { repeatedIndexes } from "./relations.js";
import { scanBudgetWithoutScanning } from "./scan-budget-without-scanning.js";

/** The effective profile with short names for the lists the rules read. */
export interface ProfileView extends EffectiveProfile {
  allow: readonly string[];
  deny: readonly string[];
  allowlist: readonly string[];
  denylist: readonly string[];
  masks: NonNullable<PolicyProfileInput["masking_rules"]>;
  filters: NonNullable<PolicyProfileInput["row_filters"]>;
}

/** One lint rule: the findings it has about a profile (none when it does not fire). */
export type Rule = (profile: ProfileView) => LintFinding[];

const finding = (
  code: string,
  severity: LintFinding["severity"],
  path: string,
  message: string,
  suggestion: string,
): LintFinding => ({ code, severity, path, message, suggestion });

const readWriteWithoutAllowlist: Rule = (p) =>
  p.access_mode === "read_write" && p.allowlist.length === 0
    ? [
        finding(
          "read-write-without-allowlist",
          "warning",
          "/table_allowlist",
          "The agent may write to every table, because the profile is read_write and has no table allowlist.",
          "List the tables the agent needs in table_allowlist.",
        ),
      ]
    : [];

const unboundedWrites: Rule = (p) =>
  p.access_mode === "read_write" &&
  p.write_mode === "normal" &&
  p.max_affected_rows === 0 &&
  p.approval_mode === "off"
    ? [
        finding(
          "unbounded-writes",
          "warning",
          "/max_affected_rows",
          "Writes commit without limit: no max_affected_rows, no approvals, and write_mode normal.",
          "Set max_affected_rows, require approvals for writes, or use write_mode rollback or sandbox.",
        ),
      ]
    : [];

const noQueryBudget: Rule = (p) =>
  p.budget_queries_per_hour === 0 && p.budget_queries_per_day === 0
    ? [
        finding(
          "no-query-budget",
          "warning",
          "/budget_queries_per_hour",
          "The agent may run any number of queries: neither an hourly nor a daily budget is set.",
          "Set budget_queries_per_hour or budget_queries_per_day.",
        ),
      ]
    : [];

const noReadCeiling: Rule = (p) =>
  p.max_rows === 0 && p.egress_bytes_per_day === 0
    ? [
        finding(
          "no-read-ceiling",
          p.masks.length > 0 ? "warning" : "info",
          "/max_rows",
          `Reads are unbounded: neither max_rows nor egress_bytes_per_day is set${p.masks.length > 0 ? ", although the profile masks sensitive columns" : ""}.`,
          "Set max_rows or egress_bytes_per_day.",
        ),
      ]
    : [];

const unreachableRules: Rule = (p) => {
  const isReachable = relationLists(p.allowlist, p.denylist).reaches;
  return [
    ...p.masks.flatMap((rule, i) =>
      isReachable(rule.table)
        ? []
        : [
            finding(
              "unreachable-masking-rule",
              "info",
              `/masking_rules/${i}`,
              `The masking rule on ${rule.table}.${rule.column} never applies: the table lists make ${rule.table} unreachable.`,
              `Remove the rule, or allow ${rule.table}.`,
            ),
          ],
    ),
    ...p.filters.flatMap((filter, i) =>
      isReachable(filter.table)
        ? []
        : [
            finding(
              "unreachable-row-filter",
              "info",
              `/row_filters/${i}`,
              `The row filter on ${filter.table} never applies: the table lists make ${filter.table} unreachable.`,
              `Remove the filter, or allow ${filter.table}.`,
            ),
          ],
    ),
  ];
};

const writeSettingsUnderReadOnly: Rule = (p) => {
  if (p.access_mode !== "read_only") return [];
  const noWrite = "the profile is read_only, so no write ever runs";
  // Approvals hold no statement under read_only, not even with `all` (see holdsForApproval).
  const noApproval = "a read_only profile never holds a statement for approval";
  const approvalsApply = approvalsEverHold(p);
  const ignored: Array<[string, boolean, string]> = [
    ["write_mode", p.write_mode !== "normal", noWrite],
    ["max_affected_rows", p.max_affected_rows > 0, noWrite],
    ["approval_mode", p.approval_mode !== "off" && !approvalsApply, noApproval],
    // With approvals off, auto-approve-without-approvals says it already.
    [
      "approval_auto_max_rows",
      p.approval_auto_max_rows > 0 && p.approval_mode !== "off" && !approvalsApply,
      noApproval,
    ],
  ];
  return ignored
    .filter(([, set]) => set)
    .map(([field, , reason]) =>
      finding(
        "ignored-under-read-only",
        "info",
        `/${field}`,
        `${field} has no effect: ${reason}.`,
        `Remove ${field}, or make the profile read_write.`,
      ),
    );
};

const bothTableLists: Rule = (p) =>
  p.allowlist.length > 0 && p.denylist.length > 0
    ? [
        finding(
          "allowlist-and-denylist",
          "info",
          "/table_denylist",
          "Both table lists are set; with an allowlist, the denylist only matters for tables on both.",
          "Keep only the allowlist unless you mean to carve tables out of it.",
        ),
      ]
    : [];

const bothStatementLists: Rule = (p) =>
  p.allow.length > 0 && p.deny.length > 0
    ? [
        finding(
          "statement-allow-and-deny",
          "info",
          "/statement_rules/deny",
          "Both statement lists are set; with an allow list, deny only matters for kinds on both.",
          "Keep only the allow list unless you mean to carve kinds out of it.",
        ),
      ]
    : [];

const unknownStatementKinds: Rule = (p) =>
  (["allow", "deny"] as const).flatMap((list) =>
    p[list].flatMap((kind, i) => {
      if ((statementKinds as readonly string[]).includes(kind)) return [];
      const guess = closest(kind, statementKinds);
      return [
        // A warning, not an error: kinds are an open enum, and the service may know kinds that
        // this SDK's spec does not (then the finding can be ignored).
        finding(
          "unknown-statement-kind",
          "warning",
          `/statement_rules/${list}/${i}`,
          `"${kind}" is not a statement kind this SDK knows${guess ? `; did you mean "${guess}"?` : "."}`,
          `Use one of ${statementKinds.join(", ")}, unless PgBeam has added "${kind}" since.`,
        ),
      ];
    }),
  );

const tableAllowedAndDenied: Rule = (p) => {
  const { denies } = relationLists([], p.denylist);
  return p.allowlist.flatMap((table, i) =>
    denies(table)
      ? [
          finding(
            "table-allowed-and-denied",
            "warning",
            `/table_allowlist/${i}`,
            `${table} is on both the allowlist and the denylist, so it is denied.`,
            `Remove ${table} from one of the lists.`,
          ),
        ]
      : [],
  );
};

const conflictingMasks: Rule = (p) => {
  // The first rule seen for each relation and column, so each later one is checked in O(1).
  const first = new Map<string, (typeof p.masks)[number]>();
  return p.masks.flatMap((rule, i) => {
    const key = `${relationKey(rule.table)}\u0000${columnKey(rule.column)}`;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, rule);
    return earlier && earlier.kind !== rule.kind
      ? [
          finding(
            "conflicting-masking-rules",
            "error",
            `/masking_rules/${i}`,
            `${rule.table}.${rule.column} is masked twice, as ${earlier.kind} and as ${rule.kind}.`,
            "Keep one masking rule per column.",
          ),
        ]
      : [];
  });
};

// The text rule is shared with the engine, which also parses the predicate and refuses what
// only a parser sees (a bare constant, an expression that cannot be boolean).
const unsafeRowFilters: Rule = (p) =>
  p.filters.flatMap((filter, i) => {
    const problem = rowFilterTextProblem(filter.predicate);
    return problem
      ? [
          finding(
            "unsafe-row-filter",
            "error",
            `/row_filters/${i}/predicate`,
            `The row filter on ${filter.table} cannot be used: ${problem}. A predicate must be one boolean condition, or it could smuggle in another statement.`,
            "Write a single boolean expression, such as tenant_id = 42, without ';', comments or clauses after it.",
          ),
        ]
      : [];
  });

const autoApproveWithoutApprovals: Rule = (p) =>
  p.approval_auto_max_rows > 0 && p.approval_mode === "off"
    ? [
        finding(
          "auto-approve-without-approvals",
          "warning",
          "/approval_auto_max_rows",
          "approval_auto_max_rows has no effect while approval_mode is off.",
          "Turn approvals on, or remove approval_auto_max_rows.",
        ),
      ]
    : [];

const zeroApprovalTimeout: Rule = (p) =>
  approvalsEverHold(p) && p.approval_timeout_seconds === 0
    ? [
        finding(
          "zero-approval-timeout",
          "warning",
          "/approval_timeout_seconds",
          "Held statements expire at once: approvals are on but approval_timeout_seconds is 0.",
          "Give reviewers time, e.g. approval_timeout_seconds: 300.",
        ),
      ]
    : [];

const writeKindsUnderReadOnly: Rule = (p) =>
  p.access_mode === "read_only"
    ? p.allow.flatMap((kind, i) =>
        kindAlwaysWrites(kind)
          ? [
              finding(
                "write-kind-under-read-only",
                "warning",
                `/statement_rules/allow/${i}`,
                `"${kind}" is allowed, but read_only blocks it anyway.`,
                `Remove "${kind}", or make the profile read_write.`,
              ),
            ]
          : [],
      )
    : [];

const duplicates: Rule = (p) => {
  const lists: Array<[string, readonly string[], (entry: string) => string]> = [
    ["/table_allowlist", p.allowlist, relationKey],
    ["/table_denylist", p.denylist, relationKey],
    ["/statement_rules/allow", p.allow, (kind) => kind],
    ["/statement_rules/deny", p.deny, (kind) => kind],
  ];
  return lists.flatMap(([path, entries, keyOf]) =>
    repeatedIndexes(entries, keyOf).map((i) =>
      finding(
        "duplicate-entry",
        "info",
        `${path}/${i}`,
        `${entries[i]} is listed twice in ${path.slice(1)}.`,
        "Remove the repeat.",
      ),
    ),
  );
};

/** Every rule, in the order their findings are reported within one severity. */
export const rules: readonly Rule[] = [
  unknownStatementKinds,
  conflictingMasks,
  unsafeRowFilters,
  readWriteWithoutAllowlist,
  unboundedWrites,
  noQueryBudget,
  noReadCeiling,
  tableAllowedAndDenied,
  autoApproveWithoutApprovals,
  zeroApprovalTimeout,
  writeKindsUnderReadOnly,
  unreachableRules,
  writeSettingsUnderReadOnly,
  bothTableLists,
  bothStatementLists,
  duplicates,
  scanBudgetWithoutScanning,
  maskedColumnsUnscanned,
  blockDoesNotUndoWrites,
];
