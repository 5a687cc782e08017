import { afterEach, describe, expect, test } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createPolicyClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  PgBeamApiError,
  PgBeamResponseError,
  RateLimitError,
} from "../src/index.js";
import { apiKey } from "./helpers/fixtures.js";
import { envelope, json, startServer, type TestServer } from "./helpers/server.js";

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
    [400, BadRequestError, "invalid_request"],
    [401, AuthenticationError, "unauthorized"],
    [403, PermissionDeniedError, "plan_limit_exceeded"],
    [404, NotFoundError, "not_found"],
    [409, ConflictError, "policy_in_use"],
    [429, RateLimitError, "rate_limited"],
    [500, InternalServerError, "internal"],
    [503, InternalServerError, "unavailable"],
    [418, PgBeamApiError, "teapot"],
  ])("%i → %o", async (status, ErrorClass, code) => {
    const error = await failWith((res) =>
      json(res, status, envelope(code, `it failed with ${status}`), { "x-request-id": "req_42" }),
    );
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(PgBeamApiError);
    expect(error).toMatchObject({
      status,
      code,
      requestId: "req_42",
      message: `${status} it failed with ${status}`,
    });
    expect((error as PgBeamApiError).body).toEqual(envelope(code, `it failed with ${status}`));
    expect((error as PgBeamApiError).headers.get("x-request-id")).toBe("req_42");
  });
});

describe("error bodies of every shape", () => {
  test("an RFC 9457 problem document gives code and detail", async () => {
    const error = await failWith((res) => {
      res.writeHead(403, { "content-type": "application/problem+json" });
      res.end(
        JSON.stringify({
          type: "https://pgbeam.com/problems/plan",
          title: "Plan limit",
          status: 403,
          detail: "Upgrade to add profiles.",
          code: "plan_limit_exceeded",
        }),
      );
    });
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({
      code: "plan_limit_exceeded",
      message: "403 Upgrade to add profiles.",
    });
  });

  test("a problem document without code uses its type, and title when there is no detail", async () => {
    const error = await failWith((res) => {
      res.writeHead(400, { "content-type": "application/problem+json" });
      res.end(JSON.stringify({ type: "https://pgbeam.com/problems/bad", title: "Bad input" }));
    });
    expect(error).toMatchObject({
      code: "https://pgbeam.com/problems/bad",
      message: "400 Bad input",
    });
  });

  test("an HTML page from a proxy gives a short, tag-free excerpt", async () => {
    const page = `<html><head><title>502 Bad Gateway</title><style>body{}</style></head><body>${"<p>nginx</p>".repeat(500)}</body></html>`;
    const error = await failWith((res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(page);
    });
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toBe("502 502 Bad Gateway");
    expect((error as PgBeamApiError).code).toBeUndefined();
  });

  test("plain text without a title is collapsed and cut to 200 characters", async () => {
    const error = await failWith((res) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`upstream\n\n  failed ${"x".repeat(500)}`);
    });
    const { message } = error as Error;
    expect(message.startsWith("500 upstream failed xxx")).toBe(true);
    expect(message.length).toBeLessThanOrEqual(4 + 200 + 1);
  });

  test("an empty error body falls back to the status text", async () => {
    const error = await failWith((res) => res.writeHead(404).end());
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("404 Not Found");
  });

  test("429 carries retryAfterMs", async () => {
    server = await startServer((_, __, res) =>
      json(res, 429, envelope("rate_limited", "slow down"), { "retry-after": "7" }),
    );
    const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url, maxRetries: 0 });
    const error = await pgbeam.policies.listPolicyProfiles("prj_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
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
