// The emulator's handlers are keyed by the generated OperationId: one per operation of the spec,
// and a table that leaves one out does not type-check (`pnpm typecheck` names the missing one).
import { type OperationId, operationIds } from "@pgbeam/policies-types";
import { expect, expectTypeOf, test } from "vitest";
import type { Handler, OperationHandlers } from "../src/call.js";
import type { FaultQueue } from "../src/faults.js";
import { handlers } from "../src/handlers.js";

test("every operation of the spec has a handler, and nothing else does", () => {
  expectTypeOf(handlers).toEqualTypeOf<OperationHandlers>();
  expect(Object.keys(handlers).sort()).toEqual([...operationIds].sort());
});

test("a handler table without getApprovalRule is a type error", () => {
  const { getApprovalRule: _removed, ...withoutOne } = handlers;
  // @ts-expect-error Property 'getApprovalRule' is missing: the table must cover every OperationId.
  const incomplete: OperationHandlers = withoutOne;
  expect(Object.keys(incomplete)).not.toContain("getApprovalRule");
});

test("each handler gets its own operation's parameters, not a bag of strings", () => {
  type UpdateRule = Parameters<Handler<"updateApprovalRule">>[0];
  expectTypeOf<UpdateRule["path"]>().toEqualTypeOf<{
    project_id: string;
    approval_rule_id: string;
  }>();
  expectTypeOf<UpdateRule["headers"]>().toEqualTypeOf<{ "If-Match"?: string }>();
  type ListRules = Parameters<Handler<"listApprovalRules">>[0];
  expectTypeOf<ListRules["query"]["page_size"]>().toEqualTypeOf<number | undefined>();
  expectTypeOf<Parameters<Handler<"deleteApprovalRule">>[0]["body"]>().toEqualTypeOf<undefined>();
});

test("faults are queued by OperationId", () => {
  expectTypeOf<Parameters<FaultQueue["next"]>[0]>().toEqualTypeOf<OperationId>();
  // @ts-expect-error "getApprovalRules" is not an operation of the spec.
  const misspelt: Parameters<FaultQueue["next"]>[0] = "getApprovalRules";
  expect(operationIds).not.toContain(misspelt);
});

test("a body is its schema's type, optional only where the spec says so", () => {
  type Body<Op extends OperationId> = Parameters<Handler<Op>>[0]["body"];
  expectTypeOf<Body<"createApprovalRule">["enabled"]>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<undefined>().toMatchTypeOf<Body<"recommendAgentPolicy">>();
  expectTypeOf<undefined>().not.toMatchTypeOf<Body<"updateApprovalRule">>();
});
