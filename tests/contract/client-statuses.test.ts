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
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { callOperation, suiteClient } from "./clients.js";
import { emulatorServer, prismServer, type ServerUnderTest } from "./servers.js";

const errorClassByStatus: Record<number, typeof PgBeamApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  429: RateLimitError,
};

const servers: [string, ServerUnderTest, boolean][] = [
  ...(inject("usingMock") ? [prismServer] : []),
  emulatorServer(),
].flatMap((server) => [
  [`${server.name}, plain client`, server, false] as [string, ServerUnderTest, boolean],
  [`${server.name}, client with the validation middleware`, server, true] as [
    string,
    ServerUnderTest,
    boolean,
  ],
]);

describe.each(servers)("%s: every operation × every documented status", (_, server, validated) => {
  let baseUrl = "";
  beforeAll(async () => {
    baseUrl = await server.start();
  });
  afterAll(() => server.stop());

  for (const op of specOperations) {
    const responseSchemas =
      operationSchemas.find((o) => o.operationId === op.operationId)?.responses ?? {};
    for (const status of op.statuses) {
      const example = op.responseExamples.get(status);
      test(`${op.operationId} → ${status}`, async () => {
        const client = suiteClient(validated, baseUrl);
        const outcome = callOperation(client, op, op.requestExample, server.arrange(op, status));
        if (status < 300) {
          const data = await outcome;
          if (server.answersWithExamples) expect(data).toEqual(example);
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
        expect(error).toMatchObject({ status });
        if (server.answersWithExamples) {
          const { code, message } = (example as { error: { code: string; message: string } }).error;
          expect(error).toMatchObject({ code, message: `${status} ${message}` });
        }
      });
    }
  }
});
