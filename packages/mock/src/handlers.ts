import type { OperationId } from "@pgbeam/policies-types";
import {
  createApprovalRule,
  deleteApprovalRule,
  getApprovalRule,
  listApprovalRules,
  updateApprovalRule,
} from "./approval-rule-operations.js";
import type { Call, OperationHandlers } from "./call.js";
import { dryEvalPolicy, recommendAgentPolicy, replayPolicy } from "./evaluation-operations.js";
import type { MockResponse } from "./exchange.js";
import {
  createPolicyProfile,
  deletePolicyProfile,
  getPolicyProfile,
  listPolicyProfiles,
  updatePolicyProfile,
} from "./profile-operations.js";

/**
 * The emulator's operation table: one handler per operationId of the spec. It is typed by the
 * generated `OperationId`, so an operation added to the spec without a handler, or a handler
 * removed, is a type error here (there is no "not emulated" fallback).
 */
export const handlers: OperationHandlers = {
  listPolicyProfiles,
  createPolicyProfile,
  getPolicyProfile,
  updatePolicyProfile,
  deletePolicyProfile,
  dryEvalPolicy,
  replayPolicy,
  recommendAgentPolicy,
  listApprovalRules,
  createApprovalRule,
  getApprovalRule,
  updateApprovalRule,
  deleteApprovalRule,
};

/** Runs one operation with its checked call. */
export function runOperation<Op extends OperationId>(
  operationId: Op,
  call: Call<Op>,
): MockResponse | Promise<MockResponse> {
  const handler: OperationHandlers[Op] = handlers[operationId];
  return handler(call);
}
