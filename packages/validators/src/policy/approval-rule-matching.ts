import { identifierKey } from "./identifier.js";
import { relationName } from "./relation-matching.js";

/** The fields of an approval rule (input or saved) that decide which statements it holds. */
export interface ApprovalRuleConditions {
  statement_kinds?: readonly string[];
  schema_name?: string | null;
  relation_name?: string | null;
  min_affected_rows?: number | null;
  enabled?: boolean;
}

/** A statement as approval rules see it. */
export interface RuleStatement {
  /** Its statement kind (`insert`, `update`, `delete`, `ddl`; any other kind no rule names). */
  kind: string;
  /** The relations it touches, as written (`payments`, `billing.payments`, `"Billing".x`). */
  relations: readonly string[];
  /**
   * The rows it affects, counted in a trial run; `undefined` when it reports no row count (DDL,
   * a batch, a data-modifying CTE), which a rule holds whatever its threshold.
   */
  affectedRows: number | undefined;
}

/** A rule's scope, folded: `undefined` where the rule does not restrict (null, "" or absent). */
export interface ApprovalRuleScope {
  schema: string | undefined;
  relation: string | undefined;
}

const unrestricted = (value: string | null | undefined): value is null | undefined | "" =>
  value === undefined || value === null || value === "";

/** The schema and relation a rule limits itself to, folded as PostgreSQL compares names. */
export function approvalRuleScope(rule: ApprovalRuleConditions): ApprovalRuleScope {
  return {
    schema: unrestricted(rule.schema_name) ? undefined : identifierKey(rule.schema_name),
    relation: unrestricted(rule.relation_name) ? undefined : identifierKey(rule.relation_name),
  };
}

/** True when the rule names the statement's kind (an empty or absent list names every kind). */
export function approvalRuleNamesKind(rule: ApprovalRuleConditions, kind: string): boolean {
  const kinds = rule.statement_kinds ?? [];
  return kinds.length === 0 || kinds.includes(kind);
}

/**
 * True when the relation is in the rule's scope. With only `relation_name`, the name matches in
 * every schema (a bare `payments` matches `public.payments` and `billing.payments`), unlike a
 * bare `table_allowlist` entry, which stands for `public` only. A bare name in the statement is
 * read as `public`.
 */
export function approvalRuleCoversRelation(scope: ApprovalRuleScope, name: string): boolean {
  const parsed = relationName(name);
  if (scope.relation !== undefined && parsed.relation !== scope.relation) return false;
  return scope.schema === undefined || (parsed.schema ?? "public") === scope.schema;
}

/**
 * Whether an approval rule holds a statement: it is enabled, names the statement's kind, covers
 * one of its relations (a rule without scope covers every statement, one with a scope none that
 * names no relation), and the statement affects at least `min_affected_rows` rows, or reports no
 * row count, which is held whatever the threshold. Names compare case-insensitively, as the
 * profile's table lists do.
 */
export function approvalRuleHolds(rule: ApprovalRuleConditions, statement: RuleStatement): boolean {
  if (rule.enabled === false) return false;
  if (!approvalRuleNamesKind(rule, statement.kind)) return false;
  const scope = approvalRuleScope(rule);
  if (scope.schema !== undefined || scope.relation !== undefined) {
    if (!statement.relations.some((name) => approvalRuleCoversRelation(scope, name))) return false;
  }
  const minimum = rule.min_affected_rows;
  if (minimum === undefined || minimum === null || statement.affectedRows === undefined)
    return true;
  return statement.affectedRows >= minimum;
}

/**
 * The rules that hold a statement, in their order. Rules only add holds: a statement waits for a
 * human when `approval_mode` holds it or when this list is not empty; no rule releases one.
 */
export function approvalRulesHolding<R extends ApprovalRuleConditions>(
  rules: readonly R[],
  statement: RuleStatement,
): R[] {
  return rules.filter((rule) => approvalRuleHolds(rule, statement));
}
