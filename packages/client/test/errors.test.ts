import { afterEach, describe, expect, test } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createPolicyClient,
  hasErrorCode,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  PgBeamApiError,
  PgBeamResponseError,
  PreconditionFailedError,
  RateLimitError,
  UnrecognizedResponseError,
  UnsupportedMediaTypeError,
} from "../src/index.js";
import { apiKey } from "./helpers/fixtures.js";
import {
  envelope,
  json,
  problem,
  problemDocument,
  startServer,
  type TestServer,
} from "./helpers/server.js";

let server: TestServer;
afterEach(() => server.close());

async function failWith(write: (res: import("node:http").ServerResponse) => void) {
  server = await startServer((_, __, res) => write(res));
  const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url, maxRetries: 0 });
  return pgbeam.policies.getPolicyProfile("prj_1", "pol_1").then(
    () => expect.unreachable("the call should have failed"),
    (error: unknown) => error,
  );
}

describe("each status maps to its error class", () => {
  test.each([
    [400, BadRequestError, "INVALID_INPUT"],
    [401, AuthenticationError, "UNAUTHORIZED"],
    [403, PermissionDeniedError, "PLAN_LIMIT_REACHED"],
    [404, NotFoundError, "NOT_FOUND"],
    [409, ConflictError, "RESOURCE_EXISTS"],
    [412, PreconditionFailedError, "PRECONDITION_FAILED"],
    [413, PayloadTooLargeError, "PAYLOAD_TOO_LARGE"],
    [415, UnsupportedMediaTypeError, "UNSUPPORTED_MEDIA_TYPE"],
    [429, RateLimitError, "RATE_LIMITED"],
    [500, InternalServerError, "INTERNAL_ERROR"],
    [503, InternalServerError, "SERVICE_UNAVAILABLE"],
    [418, PgBeamApiError, "TEAPOT"],
  ])("%i → %o", async (status, ErrorClass, code) => {
    const error = await failWith((res) =>
      problem(res, status, code, `it failed with ${status}`, {
        headers: { "x-request-id": "req_42" },
      }),
    );
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(PgBeamApiError);
    expect(error).toMatchObject({
      status,
      code,
      requestId: "req_42",
      detail: `it failed with ${status}`,
      message: `${status} it failed with ${status}`,
    });
    expect((error as PgBeamApiError).body).toEqual(
      problemDocument(status, code, `it failed with ${status}`),
    );
    expect((error as PgBeamApiError).headers.get("x-request-id")).toBe("req_42");
  });
});

describe("problem documents", () => {
  test("every field is read: type, title, detail, instance, request id and field errors", async () => {
    const errors = [
      { field: "masking_rules.0.kind", detail: "must be one of redact, null, hash" },
      { field: "name", detail: "must not be empty" },
    ];
    const error = await failWith((res) =>
      problem(res, 400, "INVALID_INPUT", "2 fields are invalid.", {
        body: { instance: "/v1/projects/prj_1/policies", request_id: "req_body", errors },
        headers: { "x-request-id": "req_header" },
      }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      type: "https://pgbeam.com/docs/api/errors/invalid-input",
      title: "Invalid input",
      detail: "2 fields are invalid.",
      instance: "/v1/projects/prj_1/policies",
      requestId: "req_body",
      fieldErrors: errors,
    });
  });

  test("without detail the message carries the title", async () => {
    const error = await failWith((res) => {
      res.writeHead(403, { "content-type": "application/problem+json" });
      res.end(
        JSON.stringify({
          type: "https://pgbeam.com/docs/api/errors/forbidden",
          title: "Role insufficient",
          status: 403,
          code: "FORBIDDEN",
        }),
      );
    });
    expect(error).toMatchObject({ code: "FORBIDDEN", message: "403 Role insufficient" });
    expect((error as PgBeamApiError).fieldErrors).toEqual([]);
  });

  test("malformed field errors are skipped, well-formed ones kept", async () => {
    const error = await failWith((res) =>
      problem(res, 400, "INVALID_INPUT", "bad", {
        body: { errors: [{ field: "name" }, "x", { field: "max_rows", detail: "must be ≥ 0" }] },
      }),
    );
    expect((error as PgBeamApiError).fieldErrors).toEqual([
      { field: "max_rows", detail: "must be ≥ 0" },
    ]);
  });

  test("a code the SDK does not know yet is kept as it is", async () => {
    const error = await failWith((res) => problem(res, 409, "QUOTA_FROZEN", "frozen"));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as PgBeamApiError).code).toBe("QUOTA_FROZEN");
  });

  test("the 0.2.4 envelope is still read", async () => {
    const error = await failWith((res) =>
      json(res, 404, envelope("not_found", "Policy pol_1 not found."), {
        "x-request-id": "req_7",
      }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      code: "not_found",
      detail: "Policy pol_1 not found.",
      message: "404 Policy pol_1 not found.",
      requestId: "req_7",
      type: undefined,
    });
  });

  test("429 carries retryAfterMs", async () => {
    server = await startServer((_, __, res) =>
      problem(res, 429, "RATE_LIMITED", "slow down", { headers: { "retry-after": "7" } }),
    );
    const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url, maxRetries: 0 });
    const error = await pgbeam.policies.listPolicyProfiles("prj_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
  });

  test("412 carries the profile's current ETag", async () => {
    const error = await failWith((res) =>
      problem(res, 412, "PRECONDITION_FAILED", "changed", { headers: { etag: '"v7"' } }),
    );
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((error as PreconditionFailedError).etag).toBe('"v7"');
  });
});

describe("hasErrorCode", () => {
  test("is true for an API error with that code, false for others and for non-API errors", async () => {
    const error = await failWith((res) => problem(res, 409, "RESOURCE_EXISTS", "name taken"));
    expect(hasErrorCode(error, "RESOURCE_EXISTS")).toBe(true);
    expect(hasErrorCode(error, "INVALID_STATE")).toBe(false);
    expect(hasErrorCode(new Error("RESOURCE_EXISTS"), "RESOURCE_EXISTS")).toBe(false);
    expect(hasErrorCode(undefined, "RESOURCE_EXISTS")).toBe(false);
  });
});

describe("answers that are not PgBeam problem documents", () => {
  test("an HTML 404 from a wrong baseUrl is not a NotFoundError and names the URL", async () => {
    const error = await failWith((res) => {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      res.end("<html><head><title>404 Not Found</title></head><body>nginx</body></html>");
    });
    expect(error).toBeInstanceOf(UnrecognizedResponseError);
    expect(error).toBeInstanceOf(PgBeamApiError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: undefined });
    const url = `${server.url}/v1/projects/prj_1/policies/pol_1`;
    expect((error as Error).message).toBe(
      `404 Not Found (text/html, not a PgBeam problem document, from GET ${url}; is baseUrl the Policies API?)`,
    );
    expect((error as PgBeamApiError).url).toBe(url);
  });

  test("an nginx 404 page without a title names the status once", async () => {
    const error = await failWith((res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end(
        "<html><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>",
      );
    });
    expect((error as Error).message).toMatch(/^404 Not Found nginx \(text\/html, not a PgBeam/);
  });

  test("a body that merely starts with the status digits still gets the status in front", async () => {
    const error = await failWith((res) =>
      res.writeHead(404, { "content-type": "text/plain" }).end("4040 routes"),
    );
    expect((error as Error).message).toMatch(/^404 4040 routes \(text\/plain/);
  });

  test("JSON of another shape is unrecognized too", async () => {
    const error = await failWith((res) => json(res, 404, { message: "no route" }));
    expect(error).toBeInstanceOf(UnrecognizedResponseError);
    expect((error as Error).message).toMatch(/^404 Not Found \(application\/json, not a PgBeam/);
  });

  test("an empty 404 is unrecognized, with the status text", async () => {
    const error = await failWith((res) => res.writeHead(404).end());
    expect(error).toBeInstanceOf(UnrecognizedResponseError);
    expect((error as Error).message).toMatch(/^404 Not Found \(no content type, not a PgBeam/);
  });

  test("an HTML 502 from a proxy stays an InternalServerError, with a short, tag-free excerpt", async () => {
    const page = `<html><head><title>502 Bad Gateway</title><style>body{}</style></head><body>${"<p>nginx</p>".repeat(500)}</body></html>`;
    const error = await failWith((res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(page);
    });
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(/^502 Bad Gateway \(text\/html, not a PgBeam/);
    expect((error as PgBeamApiError).code).toBeUndefined();
  });

  test("plain text without a title is collapsed and cut to 200 characters", async () => {
    const error = await failWith((res) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`upstream\n\n  failed ${"x".repeat(500)}`);
    });
    const { message } = error as Error;
    expect(message.startsWith("500 upstream failed xxx")).toBe(true);
    expect(message.split(" (text/plain")[0]?.length).toBeLessThanOrEqual(4 + 200 + 1);
  });
});

describe("JSON.stringify keeps what a log needs, and never headers or body", () => {
  test("an API error", async () => {
    const error = await failWith((res) =>
      problem(res, 404, "NOT_FOUND", "Policy pol_1 not found.", {
        headers: { "x-request-id": "req_9" },
      }),
    );
    const logged = JSON.parse(JSON.stringify(error));
    expect(logged).toMatchObject({
      name: "NotFoundError",
      message: "404 Policy pol_1 not found.",
      status: 404,
      code: "NOT_FOUND",
      requestId: "req_9",
      detail: "Policy pol_1 not found.",
    });
    expect(logged).not.toHaveProperty("headers");
    expect(logged).not.toHaveProperty("body");
  });

  test("a response error", async () => {
    const error = await failWith((res) =>
      res.writeHead(200, { "content-type": "application/json" }).end("{"),
    );
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "PgBeamResponseError",
      status: 200,
      message: expect.stringMatching(/^The 200 response body is not valid JSON/),
    });
  });

  test("an argument error", () => {
    const error = (() => {
      try {
        createPolicyClient({ apiKey, timeoutMs: -1 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "PgBeamArgumentError",
      argument: "timeoutMs",
      message: "Invalid client option: timeoutMs must be a number from 1 to 2147483647 (got -1).",
    });
  });
});

describe("unusable success responses", () => {
  test("truncated JSON on 200 is a PgBeamResponseError that says so", async () => {
    const error = await failWith((res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id":"pol_1","name":');
    });
    expect(error).toBeInstanceOf(PgBeamResponseError);
    expect((error as Error).message).toMatch(/^The 200 response body is not valid JSON/);
  });

  test("an empty 200 where a body is documented is a PgBeamResponseError", async () => {
    const error = await failWith((res) => res.writeHead(200, { "content-length": "0" }).end());
    expect(error).toBeInstanceOf(PgBeamResponseError);
    expect((error as Error).message).toBe(
      "The 200 response has no body, but the API documents one.",
    );
  });

  test("a 204 with a stray body still resolves to undefined", async () => {
    server = await startServer((_, __, res) => {
      res.writeHead(204);
      res.end("ignored");
    });
    const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url });
    await expect(pgbeam.policies.deletePolicyProfile("prj_1", "pol_1")).resolves.toBeUndefined();
  });

  test("a body over maxResponseBytes is refused with a clear error", async () => {
    server = await startServer((_, __, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ policies: [], padding: "x".repeat(4096) }));
    });
    const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url, maxResponseBytes: 1024 });
    const error = await pgbeam.policies.listPolicyProfiles("prj_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgBeamResponseError);
    expect((error as Error).message).toContain("larger than maxResponseBytes (1024 bytes)");
  });
});
