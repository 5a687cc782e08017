import { afterEach, describe, expect, test, vi } from "vitest";
import { createPolicyClient, PgBeamArgumentError } from "../src/index.js";
import { apiKey, profile } from "./helpers/fixtures.js";
import { envelope, json, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
});

const answerProfile = () => startServer((_, __, res) => json(res, 200, profile("pol_1")));

describe("authentication", () => {
  test("a token function is called before every attempt", async () => {
    server = await startServer((n, _, res) =>
      n === 0 ? json(res, 503, envelope("unavailable", "x")) : json(res, 200, profile("pol_1")),
    );
    let calls = 0;
    const pgbeam = createPolicyClient({ baseUrl: server.url, token: async () => `jwt-${++calls}` });
    await pgbeam.policies.getPolicyProfile("prj_1", "pol_1");
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer jwt-1",
      "Bearer jwt-2",
    ]);
  });

  test("PGBEAM_API_KEY and PGBEAM_BASE_URL are the defaults", async () => {
    server = await answerProfile();
    vi.stubEnv("PGBEAM_API_KEY", "pgb_from_env");
    vi.stubEnv("PGBEAM_BASE_URL", server.url);
    await createPolicyClient().policies.getPolicyProfile("prj_1", "pol_1");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer pgb_from_env");
  });

  test("explicit options win over the environment", async () => {
    server = await answerProfile();
    vi.stubEnv("PGBEAM_API_KEY", "pgb_from_env");
    vi.stubEnv("PGBEAM_BASE_URL", "https://wrong.example");
    await createPolicyClient({ apiKey, baseUrl: server.url }).policies.getPolicyProfile(
      "prj_1",
      "pol_1",
    );
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  test("no key anywhere: a clear error at creation", () => {
    vi.stubEnv("PGBEAM_API_KEY", "");
    expect(() => createPolicyClient()).toThrow(
      new PgBeamArgumentError(
        "apiKey",
        "Invalid client option: no API key. Pass apiKey or token, or set the PGBEAM_API_KEY environment variable.",
      ),
    );
  });

  test("apiKey and token together are refused", () => {
    expect(() => createPolicyClient({ apiKey, token: () => "t" })).toThrow(
      "pass either apiKey or token, not both",
    );
  });

  test("a token function that returns nothing fails the call clearly", async () => {
    server = await answerProfile();
    const pgbeam = createPolicyClient({ baseUrl: server.url, token: () => "" });
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toThrow(
      "The token function must return a non-empty string.",
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("base URL", () => {
  test("plain http to a remote host is refused, saying why", () => {
    expect(() => createPolicyClient({ apiKey, baseUrl: "http://api.pgbeam.com" })).toThrow(
      "baseUrl http://api.pgbeam.com uses plain http, which would send your API key unencrypted. Use https, a loopback host, or set allowInsecureHttp: true.",
    );
  });

  test.each([
    "http://localhost:4010",
    "http://127.0.0.1:4010",
    "http://127.8.9.10",
    "http://[::1]:4010",
  ])("loopback %s is allowed", (baseUrl) => {
    expect(() => createPolicyClient({ apiKey, baseUrl })).not.toThrow();
  });

  test("allowInsecureHttp lets the caller opt in", () => {
    expect(() =>
      createPolicyClient({ apiKey, baseUrl: "http://10.0.0.5", allowInsecureHttp: true }),
    ).not.toThrow();
  });

  test.each([
    ["not a url", 'baseUrl must be an absolute http(s) URL (got "not a url").'],
    ["ftp://api.pgbeam.com", "baseUrl must use https (got ftp:)."],
  ])("%s is refused", (baseUrl, message) => {
    expect(() => createPolicyClient({ apiKey, baseUrl })).toThrow(message);
  });

  test("a trailing slash is ignored", async () => {
    server = await answerProfile();
    await createPolicyClient({ apiKey, baseUrl: `${server.url}/` }).policies.getPolicyProfile(
      "prj_1",
      "pol_1",
    );
    expect(server.requests[0]?.path).toBe("/v1/projects/prj_1/policies/pol_1");
  });
});

describe("numeric options", () => {
  test.each([
    [{ timeoutMs: -1 }, "timeoutMs must be a number from 1 to 2147483647 (got -1)."],
    [{ maxRetries: 1.5 }, "maxRetries must be an integer from 0 to 100 (got 1.5)."],
    [
      { maxRetryAfterMs: Number.NaN },
      "maxRetryAfterMs must be a number from 0 to 2147483647 (got NaN).",
    ],
  ])("%o is refused", (options, message) => {
    expect(() => createPolicyClient({ apiKey, ...options })).toThrow(message);
  });

  test.each([
    ["maxRetries", "3", 'maxRetries must be an integer from 0 to 100 (got "3", a string).'],
    ["timeoutMs", true, "timeoutMs must be a number from 1 to 2147483647 (got true, a boolean)."],
    ["totalTimeoutMs", null, "totalTimeoutMs must be a number from 1 to 2147483647 (got null)."],
    [
      "maxRetryAfterMs",
      [5],
      "maxRetryAfterMs must be a number from 0 to 2147483647 (got an array).",
    ],
    [
      "maxResponseBytes",
      { mb: 1 },
      "maxResponseBytes must be an integer from 0 to 9007199254740991 (got an object).",
    ],
  ])("%s of the wrong type names the type it got", (name, value, message) => {
    expect(() => createPolicyClient({ apiKey, [name]: value })).toThrow(
      `Invalid client option: ${message}`,
    );
  });

  test("a per-call option and maxAttempts of the wrong type name it too", async () => {
    const pgbeam = createPolicyClient({ apiKey, baseUrl: "http://127.0.0.1:9" });
    const retries = { maxRetries: "3" } as unknown as { maxRetries: number };
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1", retries)).rejects.toThrow(
      'Invalid request option: maxRetries must be an integer from 0 to 100 (got "3", a string).',
    );
    const attempts = { maxAttempts: "3" } as unknown as { maxAttempts: number };
    await expect(
      pgbeam.policies.modifyPolicyProfile("prj_1", "pol_1", (c) => c, attempts),
    ).rejects.toThrow('maxAttempts must be an integer from 1 to 100 (got "3", a string).');
  });

  test("an unknown logLevel is refused", () => {
    // @ts-expect-error "verbose" is not a log level
    expect(() => createPolicyClient({ apiKey, logLevel: "verbose" })).toThrow(
      "logLevel must be one of debug, info, warn, error, off (got verbose).",
    );
  });
});

test("a custom fetch receives every request", async () => {
  server = await answerProfile();
  const seen: string[] = [];
  const pgbeam = createPolicyClient({
    apiKey,
    baseUrl: server.url,
    fetch: (request) => {
      seen.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    },
  });
  await pgbeam.policies.getPolicyProfile("prj_1", "pol_1");
  expect(seen).toEqual(["GET /v1/projects/prj_1/policies/pol_1"]);
});
