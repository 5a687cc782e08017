import {
  type ApprovalRule,
  type ApprovalRuleInput,
  type ListApprovalRulesResponse,
  operationTable,
  type paths,
} from "@pgbeam/policies-types";
import type { Client } from "openapi-fetch";
import { apiCall } from "./api-promise.js";
import type { ApprovalRulePatch, ApprovalRulesResource } from "./approval-rules-resource.js";
import { createCrud } from "./crud.js";
import { requireChangeFunction } from "./modify.js";
import type { Transport } from "./transport.js";

/**
 * The body that replaces `current` with `patch` applied: every field the update takes (read from
 * the operation table), from the patch when it has it, else the rule's current value. So nothing
 * the caller did not mention falls back to its default (the PUT-is-a-full-replace trap).
 */
export function replacementBody(
  current: ApprovalRule,
  patch: ApprovalRulePatch,
): ApprovalRuleInput {
  const body: Record<string, unknown> = {};
  for (const field of operationTable.updateApprovalRule.bodyFields) {
    const value =
      field in patch
        ? patch[field as keyof ApprovalRulePatch]
        : current[field as keyof ApprovalRule];
    if (value !== undefined) body[field] = value;
  }
  return body as unknown as ApprovalRuleInput;
}

/** Builds `client.approvalRules` on the raw openapi-fetch client and the transport. */
export function createApprovalRulesResource(
  raw: Client<paths>,
  transport: Transport,
): ApprovalRulesResource {
  const rules = createCrud<ApprovalRule, ApprovalRuleInput, ListApprovalRulesResponse>(
    raw,
    transport,
    {
      create: "createApprovalRule",
      list: "listApprovalRules",
      get: "getApprovalRule",
      update: "updateApprovalRule",
      delete: "deleteApprovalRule",
    },
    {
      idParameter: "approval_rule_id",
      idArgument: "ruleId",
      items: "approval_rules",
      noun: "Approval rule",
      updateMethod: "approvalRules.update",
    },
  );
  return {
    create: rules.create,
    list: rules.list as ApprovalRulesResource["list"],
    listAll: rules.listAll,
    get: rules.get as ApprovalRulesResource["get"],
    update: rules.update,
    delete: rules.delete,
    modify(projectId, ruleId, change, options) {
      return apiCall(() => {
        requireChangeFunction(change, "patch of the fields to change");
        const next = async (current: ApprovalRule) => {
          const patch = await change(current);
          return patch === undefined ? undefined : replacementBody(current, patch);
        };
        return rules.modify(projectId, ruleId, next, options).withResponse();
      });
    },
  };
}
