// Requests the service refuses, answered with problem documents that name what was wrong.
import { validateProblem } from "@pgbeam/policies-validators";
import { describe, expect, test } from "vitest";
import { createPolicyMock } from "../src/index.js";
import { apiKey } from "./helpers.js";

const mock = createPolicyMock({ apiKey });
const path = "/v1/projects/prj_8Kx2mQ4vLp";
const base = `https://api.pgbeam.com${path}`;
const auth = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };

/** Sends a raw request; an error answer must be a valid problem document for this request. */
async function send(
  route: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> | undefined; headers: Headers }> {
  const response = await mock.fetch(`${base}${route}`, {
    ...init,
    headers: { ...auth, ...(init.headers ?? {}) },
  });
  const text = await response.text();
  const body = text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>);
  const requestId = response.headers.get("x-request-id");
  expect(requestId).toMatch(/^req_[0-9A-Za-z]{16}$/);
  if (response.status >= 400) {
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(validateProblem(body).ok).toBe(true);
    expect(body).toMatchObject({
      status: response.status,
      instance: new URL(`${base}${route}`).pathname,
      request_id: requestId,
    });
  }
  return { status: response.status, body, headers: response.headers };
}

describe("refused requests", () => {
  test("no bearer token is a 401 that says what to send", async () => {
    const { status, body } = await send("/policies", { headers: { authorization: "" } });
    expect(status).toBe(401);
    expect(body).toMatchObject({
      type: "https://pgbeam.com/docs/api/errors/unauthorized",
      title: "Unauthorized",
      code: "UNAUTHORIZED",
      detail: "Missing bearer token: send Authorization: Bearer <API key>.",
    });
  });

  test("a wrong token is a 401 that never echoes it", async () => {
    const { status, body } = await send("/policies", {
      headers: { authorization: "Bearer pgb_wrong_secret" },
    });
    expect(status).toBe(401);
    expect(body?.detail).toBe("Invalid API key.");
    expect(JSON.stringify(body)).not.toContain("pgb_wrong_secret");
  });

  test("an invalid body is a 400 INVALID_INPUT naming each field as a dotted path", async () => {
    const { status, body } = await send("/policies", {
      method: "POST",
      body: JSON.stringify({
        name: "x",
        access_mode: "readonly",
        masking_rules: [{ table: "t", column: "c", kind: "blur" }],
      }),
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "INVALID_INPUT" });
    expect(((body?.errors ?? []) as { field: string }[]).map((e) => e.field)).toEqual([
      "access_mode",
      "masking_rules.0.kind",
    ]);
    expect(body?.detail).toContain('access_mode must be one of "read_only", "read_write"');
  });

  test("a body that is not JSON is a 400; without application/json it is a 415", async () => {
    const broken = await send("/policies", { method: "POST", body: "{name:" });
    expect([broken.status, broken.body?.code]).toEqual([400, "INVALID_INPUT"]);
    const text = await send("/policies", {
      method: "POST",
      body: JSON.stringify({ name: "x" }),
      headers: { "content-type": "text/plain" },
    });
    expect([text.status, text.body?.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    expect(text.body?.detail).toBe(
      "The request body must be application/json (got Content-Type text/plain).",
    );
  });

  test("both policy_id and policy (or neither) is a 400", async () => {
    const both = await send("/policy-evaluations", {
      method: "POST",
      body: JSON.stringify({ sql: "SELECT 1", policy_id: "pol_1", policy: { name: "d" } }),
    });
    expect(both.status).toBe(400);
    const neither = await send("/policy-evaluations", {
      method: "POST",
      body: JSON.stringify({ sql: "SELECT 1" }),
    });
    expect(neither.status).toBe(400);
    expect(((neither.body?.errors ?? []) as { field: string }[]).map((e) => e.field)).toEqual([
      "policy_id",
      "policy",
    ]);
  });

  test("invalid path, query and header parameters are 400s naming the parameter", async () => {
    expect((await send("/policies/pol%20bad")).body?.errors).toEqual([
      expect.objectContaining({ field: "policy_id" }),
    ]);
    expect((await send("/policies?page_size=0")).status).toBe(400);
    expect((await send("/policies?page_size=101")).status).toBe(400);
    expect((await send("/policies?page_size=ten")).status).toBe(400);
    expect((await send("/policies?page_size=5")).status).toBe(200);
    const longKey = await send("/policies", {
      method: "POST",
      body: JSON.stringify({ name: "k" }),
      headers: { "idempotency-key": "k".repeat(256) },
    });
    expect(longKey.status).toBe(400);
    expect(longKey.body?.errors).toEqual([expect.objectContaining({ field: "Idempotency-Key" })]);
  });

  test("a forged or altered page token is a 400", async () => {
    mock.seed("prj_8Kx2mQ4vLp", [{ name: "a" }, { name: "b" }]);
    const first = await send("/policies?page_size=1");
    const token = first.body?.next_page_token as string;
    expect(token).toMatch(/^[a-zA-Z0-9_.-]+$/);
    expect((await send(`/policies?page_token=${token}`)).status).toBe(200);
    const [payload, signature] = token.split(".");
    const forged = `${btoa("0").replace(/=+$/, "")}.${signature}`;
    expect(forged).not.toBe(token);
    expect((await send(`/policies?page_token=${forged}`)).status).toBe(400);
    expect((await send(`/policies?page_token=${payload}`)).status).toBe(400);
    expect((await send("/policies?page_token=abc")).body).toMatchObject({
      code: "INVALID_INPUT",
      detail: "Invalid page_token: it is not a token this project's list returned.",
      errors: [{ field: "page_token", detail: "not a token this project's list returned" }],
    });
  });

  test("unknown routes are 404 NOT_FOUND; known paths with another method 405 with Allow", async () => {
    expect((await send("/nothing")).body).toMatchObject({ status: 404, code: "NOT_FOUND" });
    const patch = await send("/policies", { method: "PATCH" });
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toBe("GET, POST");
    expect(patch.body?.type).toBe("https://pgbeam.com/docs/api/errors/method-not-allowed");
  });

  test("every answer carries its own X-Request-Id", async () => {
    const a = await send("/policies");
    const b = await send("/policies");
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });
});
