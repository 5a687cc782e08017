import type { ApprovalRule, ApprovalRuleInput } from "@pgbeam/policies-types";
import { operationTable } from "@pgbeam/policies-types";
import { etagOf } from "./etag.js";
import { firstAfter, type MockData, newId, type ProjectData } from "./store.js";

/** A stored approval rule, with its representation and ETag computed on first read. */
export interface StoredRule {
  seq: number;
  rule: ApprovalRule;
  /** The JSON text a get answers with, once read (dropped when the rule changes). */
  body?: string;
  etag?: string;
}

/** A project's approval rules: by id, in creation order, and by name (names are unique). */
export interface ApprovalRuleData {
  byId: Map<string, StoredRule>;
  order: number[];
  idBySeq: Map<number, string>;
  idByName: Map<string, string>;
}

/** No approval rules. */
export function emptyApprovalRules(): ApprovalRuleData {
  return { byId: new Map(), order: [], idBySeq: new Map(), idByName: new Map() };
}

/** A new approval rule id (`apl_` and 26 letters or digits). */
export function newApprovalRuleId(): string {
  return newId("apl_", 26);
}

// What a field left out of a create or a PUT means (`enabled: true`), from the spec.
const inputDefaults = operationTable.createApprovalRule.bodyDefaults;

/**
 * The stored form of an input: a PUT is a full replace, so every field left out takes its input
 * meaning (no `enabled` means enabled; no `statement_kinds` means every kind, stored as `[]`).
 * `schema_name`, `relation_name` and `min_affected_rows` are kept as sent (absent, null or "").
 */
export function ruleFrom(
  input: ApprovalRuleInput,
  ids: { id: string; project_id: string },
  times: { created_at: string; updated_at: string },
): ApprovalRule {
  const { name, statement_kinds, enabled, ...scope } = input;
  return {
    id: ids.id,
    project_id: ids.project_id,
    name,
    statement_kinds: statement_kinds ?? [],
    ...scope,
    enabled: enabled ?? inputDefaults.enabled,
    created_at: times.created_at,
    updated_at: times.updated_at,
  };
}

/** The current representation and ETag of a stored rule, computed once per version. */
export function ruleEtag(stored: StoredRule): string {
  stored.body ??= JSON.stringify(stored.rule);
  stored.etag ??= etagOf(stored.body);
  return stored.etag;
}

/** Adds a rule at the end of the project's order. */
export function insertRule(data: MockData, project: ProjectData, rule: ApprovalRule): void {
  const rules = project.approvalRules;
  const seq = data.nextSeq++;
  rules.byId.set(rule.id, { seq, rule });
  rules.order.push(seq);
  rules.idBySeq.set(seq, rule.id);
  rules.idByName.set(rule.name, rule.id);
}

/** Replaces a stored rule's content (its place in the order stays). */
export function replaceRule(project: ProjectData, stored: StoredRule, rule: ApprovalRule): void {
  project.approvalRules.idByName.delete(stored.rule.name);
  project.approvalRules.idByName.set(rule.name, rule.id);
  stored.rule = rule;
  delete stored.body;
  delete stored.etag;
}

/** Removes a rule; its place in the order goes with it. */
export function removeRule(project: ProjectData, id: string): void {
  const rules = project.approvalRules;
  const stored = rules.byId.get(id);
  if (stored === undefined) return;
  rules.byId.delete(id);
  rules.idBySeq.delete(stored.seq);
  rules.idByName.delete(stored.rule.name);
  const index = firstAfter(rules.order, stored.seq - 1);
  if (rules.order[index] === stored.seq) rules.order.splice(index, 1);
}

/** The rules of a project in list order. */
export function rulesInOrder(project: ProjectData): ApprovalRule[] {
  const rules = project.approvalRules;
  return rules.order.map(
    (seq) => (rules.byId.get(rules.idBySeq.get(seq) ?? "") as StoredRule).rule,
  );
}
