import type { ApprovalRuleInput, ListApprovalRulesResponse } from "@pgbeam/policies-types";
import {
  insertRule,
  newApprovalRuleId,
  removeRule,
  replaceRule,
  ruleEtag,
  ruleFrom,
  type StoredRule,
} from "./approval-rule-store.js";
import type { Handler } from "./call.js";
import { conditional, noContent } from "./conditional.js";
import { tagListMatches } from "./etag.js";
import { jsonResponse } from "./exchange.js";
import { listPage } from "./list-page.js";
import { fail } from "./problem.js";
import { enrollmentIsLive } from "./self-host-enrollment.js";
import type { PolicyService } from "./service.js";
import type { ProjectData } from "./store.js";

/** `createApprovalRule`: stores the rule (a taken name or a live self-host enrollment is a 409). */
export const createApprovalRule: Handler<"createApprovalRule"> = ({
  service,
  project,
  path,
  body,
}) => {
  refuseBlankName(body);
  refuseTakenName(project, body.name);
  const at = service.now().toISOString();
  const rule = ruleFrom(
    body,
    { id: newApprovalRuleId(), project_id: path.project_id },
    { created_at: at, updated_at: at },
  );
  refuseEnabledUnderEnrollment(service, rule.enabled);
  insertRule(service.data, project, rule);
  return jsonResponse(201, rule);
};

/** `listApprovalRules`: one page in creation order, conditional on `If-None-Match`. */
export const listApprovalRules: Handler<"listApprovalRules"> = async (call) => {
  const rules = call.project.approvalRules;
  const scope = `${call.path.project_id}/approval-rules`;
  const page = await listPage("listApprovalRules", call, scope, rules.order, (seq) => {
    return (rules.byId.get(rules.idBySeq.get(seq) ?? "") as StoredRule).rule;
  });
  const response: ListApprovalRulesResponse =
    page.next === undefined
      ? { approval_rules: page.items }
      : { approval_rules: page.items, next_page_token: page.next };
  return conditional(call.headers["If-None-Match"], JSON.stringify(response));
};

/** `getApprovalRule`: the rule, or a 304 when `If-None-Match` names its ETag. */
export const getApprovalRule: Handler<"getApprovalRule"> = (call) => {
  const stored = storedRule(call.project, call.path.approval_rule_id);
  const etag = ruleEtag(stored);
  return conditional(call.headers["If-None-Match"], stored.body as string, etag);
};

/**
 * `updateApprovalRule`: a full replace (a field left out takes its input meaning: no `enabled`
 * re-enables the rule), refused with 412 when `If-Match` names another version, and with 409 on
 * a taken name or when the result is enabled under a live self-host enrollment.
 */
export const updateApprovalRule: Handler<"updateApprovalRule"> = (call) => {
  const { service, project, path, body, headers } = call;
  const ruleId = path.approval_rule_id;
  const stored = storedRule(project, ruleId);
  const ifMatch = headers["If-Match"];
  if (ifMatch !== undefined) {
    const etag = ruleEtag(stored);
    if (!tagListMatches(ifMatch, etag, false)) {
      fail(
        412,
        `Approval rule ${ruleId} changed since the tag in If-Match (${ifMatch}); read it again (its ETag is ${etag}), re-apply your change and retry.`,
        { headers: { etag } },
      );
    }
  }
  refuseBlankName(body);
  if (body.name !== stored.rule.name) refuseTakenName(project, body.name);
  const rule = ruleFrom(
    body,
    { id: ruleId, project_id: path.project_id },
    { created_at: stored.rule.created_at, updated_at: service.now().toISOString() },
  );
  refuseEnabledUnderEnrollment(service, rule.enabled);
  replaceRule(project, stored, rule);
  return jsonResponse(200, rule);
};

/** `deleteApprovalRule`: removes the rule (statements it held are then held by approval_mode alone). */
export const deleteApprovalRule: Handler<"deleteApprovalRule"> = ({ project, path }) => {
  storedRule(project, path.approval_rule_id);
  removeRule(project, path.approval_rule_id);
  return noContent();
};

/** The stored rule of this id, or a 404. */
export function storedRule(project: ProjectData, ruleId: string): StoredRule {
  const stored = project.approvalRules.byId.get(ruleId);
  if (stored === undefined) fail(404, `Approval rule ${ruleId} was not found.`);
  return stored;
}

/** The name must not be blank: the service checks it (the schema's minLength counts spaces). */
function refuseBlankName(input: ApprovalRuleInput): void {
  if (input.name.trim() === "") {
    fail(400, "name must not be blank: give the rule a name reviewers will recognise.", {
      errors: [{ field: "name", detail: "must not be blank" }],
    });
  }
}

function refuseTakenName(project: ProjectData, name: string): void {
  const existing = project.approvalRules.idByName.get(name);
  if (existing !== undefined) {
    fail(409, `An approval rule named "${name}" already exists in this project (${existing}).`, {
      code: "RESOURCE_EXISTS",
      errors: [{ field: "name", detail: `already taken by ${existing}` }],
    });
  }
}

function refuseEnabledUnderEnrollment(service: PolicyService, enabled: boolean): void {
  if (!enabled || !enrollmentIsLive(service.data.selfHostEnrollment, service.now())) return;
  fail(
    409,
    "The organization has a live self-hosted data-plane enrollment, and PgBeam cannot yet check that a self-hosted proxy enforces approval rules: save the rule with enabled: false, or revoke the enrollment first.",
    {
      code: "INVALID_STATE",
      errors: [{ field: "enabled", detail: "must be false while a self-host enrollment is live" }],
    },
  );
}
