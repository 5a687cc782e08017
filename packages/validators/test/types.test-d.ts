import type {
  DryEvalInput,
  operations,
  PolicyProfile,
  PolicyProfileInput,
  PolicyReplayResult,
} from "@pgbeam/policies-types";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { expectTypeOf, test } from "vitest";
import {
  assertPolicyReplayResult,
  isDryEvalInput,
  type SchemaTypes,
  type schemas,
  validatePolicyProfile,
  validatePolicyProfileInput,
} from "../src/index.js";
import { withDefaults } from "../src/policy/index.js";

test("the validated types are the generated types, not look-alikes", () => {
  expectTypeOf<SchemaTypes["PolicyProfileInput"]>().toEqualTypeOf<PolicyProfileInput>();
  expectTypeOf<SchemaTypes["PolicyProfile"]>().toEqualTypeOf<PolicyProfile>();
  expectTypeOf<SchemaTypes["ListPolicyProfilesQueryParams"]>().toEqualTypeOf<
    NonNullable<operations["listPolicyProfiles"]["parameters"]["query"]>
  >();
  const result = validatePolicyProfileInput({});
  if (result.ok) expectTypeOf(result.value).toEqualTypeOf<PolicyProfileInput>();
  const profile = validatePolicyProfile({});
  if (profile.ok) expectTypeOf(profile.value).toEqualTypeOf<PolicyProfile>();
});

test("guards narrow, asserts return the type, Standard Schema infers it", () => {
  const value: unknown = {};
  if (isDryEvalInput(value)) expectTypeOf(value).toEqualTypeOf<DryEvalInput>();
  expectTypeOf(assertPolicyReplayResult(value)).toEqualTypeOf<PolicyReplayResult>();
  expectTypeOf<
    StandardSchemaV1.InferOutput<typeof schemas.PolicyProfileInput>
  >().toEqualTypeOf<PolicyProfileInput>();
});

test("withDefaults makes defaulted fields required", () => {
  const filled = withDefaults<PolicyProfileInput>({ name: "n" });
  expectTypeOf(filled.access_mode).toEqualTypeOf<"read_only" | "read_write">();
  expectTypeOf(filled.approval_timeout_seconds).toEqualTypeOf<number>();
  expectTypeOf(filled.table_allowlist).toEqualTypeOf<string[] | undefined>();
});
