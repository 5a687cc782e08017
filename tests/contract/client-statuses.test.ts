import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  type PgBeamApiError,
  RateLimitError,
} from "@pgbeam/policies-client";
import { operationSchemas, validators } from "@pgbeam/policies-validators";
import { specOperations } from "@pgbeam/spec-testing";
import { describe, expect, inject, test } from "vitest";
import { callOperation, suiteClient } from "./clients.js";

const errorClassByStatus: Record<number, typeof PgBeamApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  429: RateLimitError,
};

describe.runIf(inject("usingMock")).each([
  ["plain client", false],
  ["client with the validation middleware", true],
])("%s: every operation × every documented status", (_, validated) => {
  const client = suiteClient(validated);
  for (const op of specOperations) {
    const responseSchemas =
      operationSchemas.find((o) => o.operationId === op.operationId)?.responses ?? {};
    for (const status of op.statuses) {
      const example = op.responseExamples.get(status);
      test(`${op.operationId} → ${status}`, async () => {
        const outcome = callOperation(client, op, op.requestExample, {
          headers: { Prefer: `code=${status}` },
        });
        if (status < 300) {
          const data = await outcome;
          expect(data).toEqual(example);
          const schema = responseSchemas[String(status)];
          if (schema) expect(validators[schema].validate(data)).toEqual({ ok: true, value: data });
          else expect(data).toBeUndefined();
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
});
