// A browser app on another origin calling mock.listen(): preflights, CORS headers, and Allow on 405.
import { afterEach, describe, expect, test } from "vitest";
import { createPolicyMock, type PolicyMock } from "../src/node.js";
import { apiKey } from "./helpers.js";

const path = "/v1/projects/prj_cors/policies";
let running: PolicyMock | undefined;

async function serve(options: Parameters<typeof createPolicyMock>[0] = {}): Promise<string> {
  running = createPolicyMock(options);
  return running.listen();
}

afterEach(() => running?.close());

const preflight = (url: string, origin: string, method = "POST") =>
  fetch(`${url}${path}`, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": method,
      "access-control-request-headers": "authorization, content-type, idempotency-key",
    },
  });

describe("CORS on the HTTP server", () => {
  test("on loopback any origin's preflight gets the path's methods and the headers it asked for", async () => {
    const url = await serve();
    const response = await preflight(url, "http://localhost:5173");
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET, POST",
      "access-control-allow-headers": "authorization, content-type, idempotency-key",
      "access-control-max-age": "600",
    });
  });

  test("answers carry the CORS headers and expose ETag, X-Request-Id and Retry-After", async () => {
    const url = await serve();
    const response = await fetch(`${url}${path}`, {
      headers: { origin: "http://localhost:5173", authorization: `Bearer ${apiKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
  });

  test("configured origins: a listed origin is echoed (Vary: Origin), another is refused", async () => {
    const url = await serve({ corsOrigins: ["http://app.test:5173"] });
    const allowed = await preflight(url, "http://app.test:5173", "DELETE");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://app.test:5173");
    const refused = await preflight(url, "http://evil.test");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const answer = await fetch(`${url}${path}`, {
      headers: { origin: "http://app.test:5173", authorization: `Bearer ${apiKey}` },
    });
    expect(answer.headers.get("vary")).toBe("Origin");
    expect(answer.headers.get("access-control-allow-origin")).toBe("http://app.test:5173");
  });

  test("a 405 says which methods the path has, in Allow and in the message", async () => {
    const url = await serve();
    const response = await fetch(`${url}${path}/pol_1`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, PUT, DELETE");
    expect(await response.text()).toContain("Allowed: GET, PUT, DELETE.");
  });

  test("OPTIONS without a preflight's headers is a 405 with Allow", async () => {
    const url = await serve();
    const response = await fetch(`${url}${path}`, { method: "OPTIONS" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
  });
});
