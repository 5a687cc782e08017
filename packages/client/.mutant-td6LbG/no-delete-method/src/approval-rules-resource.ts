import type {
  ApprovalRule,
  ApprovalRuleInput,
  ListApprovalRulesResponse,
  operations,
} from "@pgbeam/policies-types";
import type { ApiPromise } from "./api-promise.js";
import type {
  ConditionalReadOptions,
  ModifyOptions,
  NotModified,
  Tagged,
  UpdateRequestOptions,
} from "./conditional.js";
import type { CreateRequestOptions, RequestOptions } from "./request-options.js";

/** Query parameters of `approvalRules.list`. */
export type ListApprovalRulesQuery = NonNullable<
  operations["listApprovalRules"]["parameters"]["query"]
>;

/** Options of `approvalRules.listAll`: the page size, plus the per-call options used for every page. */
export type ListAllApprovalRulesOptions = Omit<ListApprovalRulesQuery, "page_token"> &
  RequestOptions;

/**
 * The fields `approvalRules.modify` changes: each one given replaces the rule's value (`null`
 * clears a scope or the threshold); each one left out keeps the rule's current value.
 */
export type ApprovalRulePatch = Partial<ApprovalRuleInput>;

/**
 * Approval rules (tag Approvals): project-wide rules that hold the agent statements they match
 * until a human approves them, on top of a profile's `approval_mode`. Every call's promise has
 * `.withResponse()`.
 */
export interface ApprovalRulesResource {
  /** Creates a rule (`createApprovalRule`); retried safely under an `Idempotency-Key`. */
  create(
    projectId: string,
    input: ApprovalRuleInput,
    options?: CreateRequestOptions,
  ): ApiPromise<ApprovalRule>;
  /**
   * Lists one page of the project's rules, disabled ones included (`listApprovalRules`). With
   * `ifNoneMatch`, resolves to `{ notModified: false, data, etag }` or `{ notModified: true }`.
   */
  list(
    projectId: string,
    query: ListApprovalRulesQuery | undefined,
    options: ConditionalReadOptions & { ifNoneMatch: string },
  ): ApiPromise<Tagged<ListApprovalRulesResponse> | NotModified>;
  list(
    projectId: string,
    query?: ListApprovalRulesQuery,
    options?: RequestOptions & { ifNoneMatch?: undefined },
  ): ApiPromise<ListApprovalRulesResponse>;
  list(
    projectId: string,
    query?: ListApprovalRulesQuery,
    options?: ConditionalReadOptions,
  ): ApiPromise<ListApprovalRulesResponse | Tagged<ListApprovalRulesResponse> | NotModified>;
  /** Iterates over every rule of the project, fetching pages as iteration reaches them. */
  listAll(
    projectId: string,
    options?: ListAllApprovalRulesOptions,
  ): AsyncGenerator<ApprovalRule, void, undefined>;
  /**
   * Gets one rule (`getApprovalRule`; its ETag is on `.withResponse()`). With `ifNoneMatch`,
   * resolves to `{ notModified: false, data, etag }` or `{ notModified: true }`.
   */
  get(
    projectId: string,
    ruleId: string,
    options: ConditionalReadOptions & { ifNoneMatch: string },
  ): ApiPromise<Tagged<ApprovalRule> | NotModified>;
  get(
    projectId: string,
    ruleId: string,
    options?: RequestOptions & { ifNoneMatch?: undefined },
  ): ApiPromise<ApprovalRule>;
  get(
    projectId: string,
    ruleId: string,
    options?: ConditionalReadOptions,
  ): ApiPromise<ApprovalRule | Tagged<ApprovalRule> | NotModified>;
  /**
   * Replaces the whole rule (`updateApprovalRule`): a field left out takes its default, so a body
   * without `enabled` switches a disabled rule back on. Prefer `modify`, which keeps what you do
   * not change. With `ifMatch`, only if the rule still has that ETag (else `PreconditionFailedError`).
   */
  update(
    projectId: string,
    ruleId: string,
    input: ApprovalRuleInput,
    options?: UpdateRequestOptions,
  ): ApiPromise<ApprovalRule>;
  /**
   * Changes some fields of a rule and keeps the rest: reads it with its ETag, puts `change`'s
   * patch over the rule's current values (so a disabled rule stays disabled unless the patch says
   * `enabled`), writes the whole rule under `If-Match`, and on a 412 reads and applies again, up
   * to `maxAttempts` times. `change` may run more than once; returning `undefined` writes nothing.
   */
  modify(
    projectId: string,
    ruleId: string,
    change: (
      current: ApprovalRule,
    ) => ApprovalRulePatch | undefined | Promise<ApprovalRulePatch | undefined>,
    options?: ModifyOptions,
  ): ApiPromise<ApprovalRule>;
}
