// Requests the service refuses, answered with the spec's error envelope and a message that helps.
import { validateErrorResponse } from "@pgbeam/policies-validators";
import { describe, expect, test } from "vitest";
import { createPolicyMock } from "../src/index.js";
import { apiKey } from "./helpers.js";

const mock = createPolicyMock({ apiKey });
const base = "https://api.pgbeam.com/v1/projects/prj_8Kx2mQ4vLp";
const auth = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };

/** Sends a raw request to the mock and returns status and JSON body (checked as an ErrorResponse when >= 400). */
async function send(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown }> {
  const response = await mock.fetch(`${base}${path}`, {
    ...init,
    headers: { ...auth, ...(init.headers ?? {}) },
  });
  const text = await response.text();
  const body = text === "" ? undefined : JSON.parse(text);
  if (response.status >= 400) expect(validateErrorResponse(body).ok).toBe(true);
  return { status: response.status, body };
}

describe("refused requests", () => {
  test("no bearer token is a 401 that says what to send", async () => {
    const response = await mock.fetch(`${base}/policies`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        code: "unauthorized",
        message: "Missing bearer token: send Authorization: Bearer <API key>.",
      },
    });
  });

  test("a wrong token is a 401", async () => {
    const { status, body } = await send("/policies", {
      headers: { authorization: "Bearer pgb_wrong" },
    });
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: "unauthorized", message: "Invalid API key." } });
  });

  test("an invalid body is a 400 with the validators' message", async () => {
    const { status, body } = await send("/policies", {
      method: "POST",
      body: JSON.stringify({ name: "x", access_mode: "readonly", max_rows: -1 }),
    });
    expect(status).toBe(400);
    expect((body as { error: { message: string } }).error.message).toBe(
      'Invalid request body: access_mode must be one of "read_only", "read_write" (got "readonly"); max_rows must be at least 0 (got -1).',
    );
  });

  test("a body that is not JSON is a 400", async () => {
    const { status, body } = await send("/policies", { method: "POST", body: "{name:" });
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { code: "invalid_request", message: "The request body is not valid JSON." },
    });
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
  });

  test("invalid path and query parameters are 400s", async () => {
    expect((await send("/policies/pol%20bad")).status).toBe(400);
    expect((await send("/policies?page_size=0")).status).toBe(400);
    expect((await send("/policies?page_size=101")).status).toBe(400);
    expect((await send("/policies?page_size=ten")).status).toBe(400);
    expect((await send("/policies?page_size=5")).status).toBe(200);
  });

  test("a forged or altered page token is a 400", async () => {
    mock.seed("prj_8Kx2mQ4vLp", [{ name: "a" }, { name: "b" }]);
    const first = await send("/policies?page_size=1");
    const token = (first.body as { next_page_token: string }).next_page_token;
    expect(token).toMatch(/^[a-zA-Z0-9_.-]+$/);
    expect((await send(`/policies?page_token=${token}`)).status).toBe(200);
    const [payload, signature] = token.split(".");
    const forged = `${Buffer.from("0").toString("base64url")}.${signature}`;
    expect(forged).not.toBe(token);
    expect((await send(`/policies?page_token=${forged}`)).status).toBe(400);
    expect((await send(`/policies?page_token=${payload}`)).status).toBe(400);
    expect((await send("/policies?page_token=abc")).body).toEqual({
      error: {
        code: "invalid_request",
        message: "Invalid page_token: it is not a token this project's list returned.",
      },
    });
  });

  test("unknown routes are 404 and known paths with another method 405", async () => {
    expect((await send("/nothing")).status).toBe(404);
    expect((await send("/policies", { method: "PATCH" })).status).toBe(405);
  });
});
