import type {
  DryEvalInput,
  DryEvalResult,
  ListPolicyProfilesResponse,
  operations,
  PolicyProfile,
  PolicyProfileInput,
  PolicyRecommendation,
  PolicyRecommendationInput,
  PolicyReplayInput,
  PolicyReplayResult,
} from "@pgbeam/policies-types";
import type { ApiPromise } from "./api-promise.js";
import type {
  ConditionalReadOptions,
  ModifyPolicyProfileOptions,
  NotModified,
  Tagged,
  UpdateRequestOptions,
} from "./conditional.js";
import type { CreateRequestOptions, RequestOptions } from "./request-options.js";

/** Query parameters of `listPolicyProfiles`. */
export type ListPolicyProfilesQuery = NonNullable<
  operations["listPolicyProfiles"]["parameters"]["query"]
>;

/** Options of `listAllPolicyProfiles`: the page size, plus the per-call options used for every page. */
export type ListAllPolicyProfilesOptions = Omit<ListPolicyProfilesQuery, "page_token"> &
  RequestOptions;

/** The Policies API: one method per operation, named by its operationId; every call's promise has `.withResponse()`. */
export interface PoliciesResource {
  /** Creates a policy profile; retried safely under an `Idempotency-Key`. */
  createPolicyProfile(
    projectId: string,
    input: PolicyProfileInput,
    options?: CreateRequestOptions,
  ): ApiPromise<PolicyProfile>;
  /**
   * Lists one page of the project's profiles. With `ifNoneMatch` (an ETag from
   * `.withResponse()`), it resolves to `{ notModified: false, data, etag }`, or to
   * `{ notModified: true }` when the page has not changed.
   */
  listPolicyProfiles(
    projectId: string,
    query: ListPolicyProfilesQuery | undefined,
    options: ConditionalReadOptions & { ifNoneMatch: string },
  ): ApiPromise<Tagged<ListPolicyProfilesResponse> | NotModified>;
  listPolicyProfiles(
    projectId: string,
    query?: ListPolicyProfilesQuery,
    options?: RequestOptions & { ifNoneMatch?: undefined },
  ): ApiPromise<ListPolicyProfilesResponse>;
  listPolicyProfiles(
    projectId: string,
    query?: ListPolicyProfilesQuery,
    options?: ConditionalReadOptions,
  ): ApiPromise<ListPolicyProfilesResponse | Tagged<ListPolicyProfilesResponse> | NotModified>;
  /** Iterates over every profile of the project, fetching pages as iteration reaches them. */
  listAllPolicyProfiles(
    projectId: string,
    options?: ListAllPolicyProfilesOptions,
  ): AsyncGenerator<PolicyProfile, void, undefined>;
  /**
   * @deprecated Use `listPolicyProfiles(…).withResponse()` for the ETag, or pass `ifNoneMatch` to
   * `listPolicyProfiles`. Lists one page with its ETag; with `ifNoneMatch`, a page that has not
   * changed resolves to `{ notModified: true }`.
   */
  listPolicyProfilesWithETag(
    projectId: string,
    query: ListPolicyProfilesQuery | undefined,
    options: ConditionalReadOptions & { ifNoneMatch: string },
  ): Promise<Tagged<ListPolicyProfilesResponse> | NotModified>;
  listPolicyProfilesWithETag(
    projectId: string,
    query?: ListPolicyProfilesQuery,
    options?: RequestOptions & { ifNoneMatch?: undefined },
  ): Promise<Tagged<ListPolicyProfilesResponse>>;
  listPolicyProfilesWithETag(
    projectId: string,
    query?: ListPolicyProfilesQuery,
    options?: ConditionalReadOptions,
  ): Promise<Tagged<ListPolicyProfilesResponse> | NotModified>;
  /**
   * Gets one profile (its ETag, for `ifMatch` on update, is on `.withResponse()`). With
   * `ifNoneMatch`, it resolves to `{ notModified: false, data, etag }`, or to
   * `{ notModified: true }` when the profile has not changed.
   */
  getPolicyProfile(
    projectId: string,
    policyId: string,
    options: ConditionalReadOptions & { ifNoneMatch: string },
  ): ApiPromise<Tagged<PolicyProfile> | NotModified>;
  getPolicyProfile(
    projectId: string,
    policyId: string,
    options?: RequestOptions & { ifNoneMatch?: undefined },
  ): ApiPromise<PolicyProfile>;
  getPolicyProfile(
    projectId: string,
    policyId: string,
    options?: ConditionalReadOptions,
  ): ApiPromise<PolicyProfile | Tagged<PolicyProfile> | NotModified>;
  /**
   * @deprecated Use `getPolicyProfile(…).withResponse()` for the ETag, or pass `ifNoneMatch` to
   * `getPolicyProfile`. Gets one profile with its ETag; with `ifNoneMatch`, a profile that has
   * not changed resolves to `{ notModified: true }`.
   */
  getPolicyProfileWithETag(
    projectId: string,
    policyId: string,
    options: ConditionalReadOptions & { ifNoneMatch: string },
  ): Promise<Tagged<PolicyProfile> | NotModified>;
  getPolicyProfileWithETag(
    projectId: string,
    policyId: string,
    options?: RequestOptions & { ifNoneMatch?: undefined },
  ): Promise<Tagged<PolicyProfile>>;
  getPolicyProfileWithETag(
    projectId: string,
    policyId: string,
    options?: ConditionalReadOptions,
  ): Promise<Tagged<PolicyProfile> | NotModified>;
  /**
   * Replaces every setting of a profile (absent fields fall back to their defaults). With
   * `ifMatch`, only if the profile still has that ETag (else a `PreconditionFailedError`).
   */
  updatePolicyProfile(
    projectId: string,
    policyId: string,
    input: PolicyProfileInput,
    options?: UpdateRequestOptions,
  ): ApiPromise<PolicyProfile>;
  /**
   * Changes a profile without losing anyone else's change: reads it with its ETag, calls `change`
   * with it, writes the result under `If-Match`, and on a 412 reads and applies again, up to
   * `maxAttempts` times. `change` may run more than once, so it should only compute; returning
   * `undefined` writes nothing and resolves to the profile as read.
   */
  modifyPolicyProfile(
    projectId: string,
    policyId: string,
    change: (
      current: PolicyProfile,
    ) => PolicyProfileInput | undefined | Promise<PolicyProfileInput | undefined>,
    options?: ModifyPolicyProfileOptions,
  ): ApiPromise<PolicyProfile>;
  /** Deletes a profile; a `ConflictError` means agent credentials still use it. */
  deletePolicyProfile(
    projectId: string,
    policyId: string,
    options?: RequestOptions,
  ): ApiPromise<void>;
  /** Tells what a saved or draft policy would do with one SQL statement. */
  dryEvalPolicy(
    projectId: string,
    input: DryEvalInput,
    options?: RequestOptions,
  ): ApiPromise<DryEvalResult>;
  /**
   * Replays recorded traffic against a saved or draft policy. `bound_policy_id` and
   * `credential_id` narrow the traffic in two exclusive ways: passing both is refused before sending.
   */
  replayPolicy(
    projectId: string,
    input: PolicyReplayInput,
    options?: RequestOptions,
  ): ApiPromise<PolicyReplayResult>;
  /**
   * Recommends the tightest profile that still passes what the agent credential ran (advisory:
   * it reads the audit log and changes nothing). Without `input`, the last 30 days are analysed.
   */
  recommendAgentPolicy(
    projectId: string,
    agentId: string,
    input?: PolicyRecommendationInput,
    options?: RequestOptions,
  ): ApiPromise<PolicyRecommendation>;
}
