import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  type PgBeamApiError,
  PreconditionFailedError,
  type Problem,
  RateLimitError,
  UnsupportedMediaTypeError,
} from "@pgbeam/policies-client";
import { operationTable } from "@pgbeam/policies-types";
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
  412: PreconditionFailedError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  429: RateLimitError,
  500: InternalServerError,
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
    const schemas = operationSchemas.find((o) => o.operationId === op.operationId);
    for (const status of op.statuses) {
      const example = op.responseExamples.get(status);
      test(`${op.operationId} → ${status}`, async () => {
        const client = suiteClient(validated, baseUrl);
        const shape = { ifNoneMatch: status === 304, ifMatch: status === 412 };
        const options = server.arrange(op, status);
        const outcome = callOperation(client, op, op.requestExample, options, shape);
        const facts = operationTable[op.operationId];
        if (status === 304) {
          const { data } = await outcome;
          expect(data).toMatchObject({ notModified: true, data: undefined });
          expect((data as { etag?: unknown }).etag).toEqual(expect.any(String));
          return;
        }
        if (status < 300) {
          const { data, etag, response } = await outcome;
          expect(response.status).toBe(status);
          // The ETag of a read is on withResponse(), where the spec says the response has one.
          if (facts.etag) expect(etag).toEqual(expect.any(String));
          if (server.answersWithExamples) expect(data).toEqual(example);
          // Which statuses have no body is the operation table's fact; the rest need a validator.
          if ((facts.noBody as readonly number[]).includes(status)) {
            expect(data).toBeUndefined();
            return;
          }
          const schema = schemas?.responses[String(status)];
          expect(
            schema,
            `the validators have no schema for ${op.operationId} ${status}`,
          ).toBeDefined();
          if (schema) expect(validators[schema].validate(data)).toEqual({ ok: true, value: data });
          return;
        }
        const error = await outcome.then(
          () => expect.unreachable(`expected ${status} to throw`),
          (e: unknown) => e,
        );
        const documented: readonly string[] =
          (facts.errorCodes as Record<number, readonly string[]>)[status] ?? [];
        expect(error).toBeInstanceOf(errorClassByStatus[status]);
        expect(error).toMatchObject({ status });
        expect(validators.Problem.validate((error as PgBeamApiError).body).ok).toBe(true);
        // The code is one the spec documents for this operation and status (x-error-codes).
        expect(documented).toContain((error as PgBeamApiError).code);
        if (status === 412) expect(error).toMatchObject({ etag: expect.any(String) });
        if (server.answersWithExamples) {
          const problem = example as Problem;
          expect(error).toMatchObject({
            code: problem.code,
            type: problem.type,
            title: problem.title,
            detail: problem.detail,
            requestId: problem.request_id,
          });
        }
      });
    }
  }
});
