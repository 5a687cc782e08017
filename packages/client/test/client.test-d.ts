import type {
  DryEvalResult,
  ListPolicyProfilesResponse,
  PolicyProfile,
  PolicyRecommendation,
  PolicyReplayResult,
} from "@pgbeam/policies-types";
import { describe, expectTypeOf, test } from "vitest";
import {
  type ApiErrorCode,
  createPolicyClient,
  hasErrorCode,
  type NotModified,
  type PgBeamApiError,
  type PolicyClient,
  type Tagged,
} from "../src/index.js";

declare const pgbeam: PolicyClient;
declare const maybeTag: string | undefined;
const { policies } = pgbeam;

describe("method return types are the generated ones", () => {
  test("each method resolves to its operation's success body", () => {
    expectTypeOf(
      policies.createPolicyProfile("p", { name: "n" }),
    ).resolves.toEqualTypeOf<PolicyProfile>();
    expectTypeOf(
      policies.listPolicyProfiles("p"),
    ).resolves.toEqualTypeOf<ListPolicyProfilesResponse>();
    expectTypeOf(policies.getPolicyProfile("p", "q")).resolves.toEqualTypeOf<PolicyProfile>();
    expectTypeOf(
      policies.updatePolicyProfile("p", "q", { name: "n" }),
    ).resolves.toEqualTypeOf<PolicyProfile>();
    expectTypeOf(policies.deletePolicyProfile("p", "q")).resolves.toEqualTypeOf<void>();
    expectTypeOf(
      policies.dryEvalPolicy("p", { sql: "s", policy_id: "q" }),
    ).resolves.toEqualTypeOf<DryEvalResult>();
    expectTypeOf(
      policies.replayPolicy("p", { policy_id: "q" }),
    ).resolves.toEqualTypeOf<PolicyReplayResult>();
    expectTypeOf(policies.listAllPolicyProfiles("p")).toExtend<AsyncIterable<PolicyProfile>>();
    expectTypeOf(
      policies.recommendAgentPolicy("p", "a"),
    ).resolves.toEqualTypeOf<PolicyRecommendation>();
    expectTypeOf(policies.getPolicyProfileWithETag("p", "q")).resolves.toEqualTypeOf<
      Tagged<PolicyProfile>
    >();
    expectTypeOf(
      policies.getPolicyProfileWithETag("p", "q", { ifNoneMatch: '"t"' }),
    ).resolves.toEqualTypeOf<Tagged<PolicyProfile> | NotModified>();
    expectTypeOf(
      policies.listPolicyProfilesWithETag("p", {}, { ifNoneMatch: maybeTag }),
    ).resolves.toEqualTypeOf<Tagged<ListPolicyProfilesResponse> | NotModified>();
    expectTypeOf(
      policies.modifyPolicyProfile("p", "q", (current) => ({ ...current, max_rows: 5 })),
    ).resolves.toEqualTypeOf<PolicyProfile>();
  });

  test("error codes: the known ones autocomplete, any string is accepted", () => {
    expectTypeOf<"RESOURCE_EXISTS">().toExtend<ApiErrorCode>();
    expectTypeOf<"SOMETHING_NEW">().toExtend<ApiErrorCode>();
    const error: unknown = undefined;
    if (hasErrorCode(error, "RESOURCE_EXISTS")) {
      expectTypeOf(error).toExtend<PgBeamApiError>();
      expectTypeOf(error.code).toEqualTypeOf<"RESOURCE_EXISTS">();
    }
  });
});

describe("arguments are checked against the spec", () => {
  test("bodies", () => {
    // @ts-expect-error name is required
    void policies.createPolicyProfile("p", { access_mode: "read_only" });
    // @ts-expect-error access_mode is an enum
    void policies.updatePolicyProfile("p", "q", { name: "n", access_mode: "read_mostly" });
    // @ts-expect-error give exactly one of policy_id or policy
    void policies.dryEvalPolicy("p", { sql: "s", policy_id: "q", policy: { name: "n" } });
    // @ts-expect-error give exactly one of policy_id or policy
    void policies.replayPolicy("p", {});
  });

  test("query and options", () => {
    // @ts-expect-error page_size is a number
    void policies.listPolicyProfiles("p", { page_size: "10" });
    // @ts-expect-error listAll sets page_token itself
    void policies.listAllPolicyProfiles("p", { page_token: "t" });
    void policies.createPolicyProfile(
      "p",
      { name: "n" },
      { idempotencyKey: false, timeoutMs: 5, maxRetries: 0 },
    );
    // @ts-expect-error idempotencyKey is only for create
    void policies.getPolicyProfile("p", "q", { idempotencyKey: "k" });
    // @ts-expect-error ifMatch is only for update
    void policies.getPolicyProfile("p", "q", { ifMatch: "t" });
    // @ts-expect-error ifNoneMatch is only for the WithETag reads
    void policies.getPolicyProfile("p", "q", { ifNoneMatch: "t" });
    // @ts-expect-error lookback_days is a number
    void policies.recommendAgentPolicy("p", "a", { lookback_days: "30" });
    void policies.updatePolicyProfile(
      "p",
      "q",
      { name: "n" },
      { ifMatch: '"t"', totalTimeoutMs: 5 },
    );
  });

  test("client options", () => {
    // @ts-expect-error timeoutMs is a number
    createPolicyClient({ timeoutMs: "30s" });
    // Under exactOptionalPropertyTypes (on in this repo), possibly-undefined values are accepted.
    const fromEnv: { key: string | undefined; url: string | undefined } = {
      key: undefined,
      url: undefined,
    };
    createPolicyClient({
      apiKey: fromEnv.key,
      baseUrl: fromEnv.url,
      timeoutMs: undefined,
      token: undefined,
    });
    void pgbeam.policies.getPolicyProfile("p", "q", {
      signal: undefined,
      timeoutMs: undefined,
      headers: undefined,
    });
    void pgbeam.policies.createPolicyProfile("p", { name: "n" }, { idempotencyKey: undefined });
    expectTypeOf(createPolicyClient).parameter(0).toExtend<object | undefined>();
  });
});

test("the raw client is typed by the generated paths", async () => {
  const { data } = await pgbeam.raw.GET("/v1/projects/{project_id}/policies/{policy_id}", {
    params: { path: { project_id: "p", policy_id: "q" } },
  });
  // openapi-fetch flattens the intersection, so check assignability both ways.
  expectTypeOf<NonNullable<typeof data>>().toExtend<PolicyProfile>();
  expectTypeOf<PolicyProfile>().toExtend<NonNullable<typeof data>>();
});
