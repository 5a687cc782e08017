import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createPolicyClient,
  NotFoundError,
  PermissionDeniedError,
  type PgBeamApiError,
  type PolicyClient,
  RateLimitError,
  type RequestOptions,
} from "@pgbeam/policies-client";
import { describe, expect, inject, test } from "vitest";
import { type SpecOperation, specOperations } from "./spec.js";

const pgbeam = createPolicyClient({
  baseUrl: inject("baseUrl"),
  apiKey: inject("apiKey"),
  maxRetries: 0,
});
const projectId = "prj_8Kx2mQ4vLp";
const policyId = "pol_3fGh7TnQ2w";

/** Calls the client method named by the operationId with the operation's own request example. */
function call(client: PolicyClient, op: SpecOperation, options: RequestOptions): Promise<unknown> {
  const { policies } = client;
  const body = op.requestExample as never;
  switch (op.operationId) {
    case "createPolicyProfile":
      return policies.createPolicyProfile(projectId, body, options);
    case "listPolicyProfiles":
      return policies.listPolicyProfiles(projectId, {}, options);
    case "getPolicyProfile":
      return policies.getPolicyProfile(projectId, policyId, options);
    case "updatePolicyProfile":
      return policies.updatePolicyProfile(projectId, policyId, body, options);
    case "deletePolicyProfile":
      return policies.deletePolicyProfile(projectId, policyId, options);
    case "dryEvalPolicy":
      return policies.dryEvalPolicy(projectId, body, options);
    case "replayPolicy":
      return policies.replayPolicy(projectId, body, options);
    default:
      throw new Error(`The client has no method for operation ${op.operationId}`);
  }
}

const errorClassByStatus: Record<number, typeof PgBeamApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  429: RateLimitError,
};

describe.runIf(inject("usingMock"))(
  "the client against the mock: every operation × every documented status",
  () => {
    for (const op of specOperations) {
      for (const status of op.statuses) {
        const example = op.responseExamples.get(status);
        test(`${op.operationId} → ${status}`, async () => {
          const outcome = call(pgbeam, op, { headers: { Prefer: `code=${status}` } });
          if (status < 300) {
            // Success: the data is the documented example (or nothing for 204).
            await expect(outcome).resolves.toEqual(example);
            return;
          }
          const error = await outcome.then(
            () => expect.unreachable(`expected ${status} to throw`),
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(errorClassByStatus[status]);
          const { code, message } = (example as { error: { code: string; message: string } }).error;
          expect(error).toMatchObject({ status, code, message: `${status} ${message}` });
        });
      }
    }
  },
);
