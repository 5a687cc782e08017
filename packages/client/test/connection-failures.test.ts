// Why no response came, told by cause and host; and which exceptions of a custom fetch count as
// network failures (retried) rather than programming errors (rethrown as they are, at once).
import { afterEach, describe, expect, test } from "vitest";
import {
  type ClientOptions,
  createPolicyClient,
  PgBeamConnectionError,
  PgBeamRedirectError,
  PgBeamTimeoutError,
} from "../src/index.js";
import { apiKey, profile } from "./helpers/fixtures.js";
import { json, type Script, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Starts a loopback server answering with `script`, and a client of it. */
async function clientFor(script: Script, options: ClientOptions = {}) {
  server = await startServer(script);
  return createPolicyClient({ apiKey, baseUrl: server.url, ...options });
}

/** A client whose fetch is `fetch`, counting its calls, on a host nothing listens on. */
function clientWithFetch(fetch: (request: Request) => Promise<Response>, maxRetries = 2) {
  const calls = { count: 0 };
  const pgbeam = createPolicyClient({
    apiKey,
    baseUrl: "https://api.pgbeam.test",
    maxRetries,
    fetch: (request) => {
      calls.count++;
      return fetch(request);
    },
  });
  return { pgbeam, calls };
}

/** What undici rejects with when a lookup finds no such host. */
function undiciDnsFailure(): TypeError {
  const cause = Object.assign(new Error("getaddrinfo ENOTFOUND api.pgbeam.test"), {
    code: "ENOTFOUND",
  });
  return new TypeError("fetch failed", { cause });
}

describe("a connection failure names its cause and the host, never the key", () => {
  test("refused", async () => {
    server = await startServer(() => {});
    const { url } = server;
    await server.close();
    server = undefined;
    const pgbeam = createPolicyClient({ apiKey, baseUrl: url, maxRetries: 0 });
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    const host = new URL(url).host;
    expect(error).toBeInstanceOf(PgBeamConnectionError);
    expect((error as Error).message).toBe(
      `Could not reach ${host}: connection refused (ECONNREFUSED).`,
    );
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "PgBeamConnectionError",
      message: `Could not reach ${host}: connection refused (ECONNREFUSED).`,
      host,
      code: "ECONNREFUSED",
    });
    expect(JSON.stringify(error)).not.toContain(apiKey);
  });

  test("TLS: https spoken to a plain-http server", async () => {
    server = await startServer((_, __, res) => json(res, 200, profile("pol_1")));
    const url = server.url.replace("http:", "https:");
    const pgbeam = createPolicyClient({ apiKey, baseUrl: url, maxRetries: 0 });
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgBeamConnectionError);
    expect((error as Error).message).toMatch(
      new RegExp(`^Could not reach ${new URL(url).host}: TLS failed \\(ERR_SSL_[A-Z_]+\\)\\.$`),
    );
  });

  test("DNS, as undici reports it", async () => {
    const { pgbeam } = clientWithFetch(() => Promise.reject(undiciDnsFailure()), 0);
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "Could not reach api.pgbeam.test: DNS knows no such host (ENOTFOUND).",
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  test("a browser's network TypeError, which names no code", async () => {
    const { pgbeam } = clientWithFetch(() => Promise.reject(new TypeError("Failed to fetch")), 0);
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgBeamConnectionError);
    expect((error as Error).message).toBe("Could not reach api.pgbeam.test: Failed to fetch.");
  });
});

describe("a custom fetch: network failures are retried, programming errors are not", () => {
  test("a network failure is retried maxRetries times", async () => {
    const { pgbeam, calls } = clientWithFetch(() => Promise.reject(undiciDnsFailure()), 1);
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBeInstanceOf(
      PgBeamConnectionError,
    );
    expect(calls.count).toBe(2);
  });

  test("a TypeError thrown synchronously is rethrown as it is, after one call", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'headers')");
    const { pgbeam, calls } = clientWithFetch(() => {
      throw bug;
    });
    const started = Date.now();
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBe(bug);
    expect(calls.count).toBe(1);
    expect(Date.now() - started).toBeLessThan(300);
  });

  test("even a synchronous TypeError that reads like a network failure is not one", async () => {
    const bug = new TypeError("fetch failed");
    const { pgbeam, calls } = clientWithFetch(() => {
      throw bug;
    });
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBe(bug);
    expect(calls.count).toBe(1);
  });

  test.each([
    ["a TypeError of the wrapper's own", new TypeError("wrap is not a function")],
    ["a ReferenceError", new ReferenceError("token is not defined")],
    ["a plain Error", new Error("my wrapper refused")],
    [
      "an error with a Node programming code",
      Object.assign(new TypeError("bad arg"), { code: "ERR_INVALID_ARG_TYPE" }),
    ],
  ])("%s, rejected, is rethrown as it is, after one call", async (_, bug) => {
    const { pgbeam, calls } = clientWithFetch(() => Promise.reject(bug));
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBe(bug);
    expect(calls.count).toBe(1);
  });

  test("a wrapper may throw PgBeamConnectionError itself to have a failure retried", async () => {
    const { pgbeam, calls } = clientWithFetch(
      () =>
        Promise.reject(new PgBeamConnectionError("proxy tunnel closed", { host: "proxy:3128" })),
      1,
    );
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toThrow(
      "proxy tunnel closed",
    );
    expect(calls.count).toBe(2);
  });
});

describe("the whole-call budget, totalTimeoutMs", () => {
  test("cuts an attempt short and says which budget ran out", async () => {
    const pgbeam = await clientFor(() => {}, { timeoutMs: 5_000, totalTimeoutMs: 150 });
    const host = new URL(server?.url ?? "").host;
    const started = Date.now();
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(PgBeamTimeoutError);
    expect(error).toMatchObject({ budget: "totalTimeoutMs", timeoutMs: 150 });
    expect((error as Error).message).toBe(
      `The call to ${host} ran out of its 150 ms budget (totalTimeoutMs, retries included).`,
    );
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "PgBeamTimeoutError",
      budget: "totalTimeoutMs",
      host,
    });
  });

  test("a Retry-After longer than what is left is not waited for: the 429 comes back at once", async () => {
    const pgbeam = await clientFor(
      (_, __, res) =>
        json(res, 429, { code: "RATE_LIMITED", title: "Slow down" }, { "retry-after": "2" }),
      { totalTimeoutMs: 1_000 },
    );
    const started = Date.now();
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toMatchObject({
      status: 429,
      retryAfterMs: 2000,
    });
    expect(Date.now() - started).toBeLessThan(500);
    expect(server?.requests).toHaveLength(1);
  });

  test("backoff stops when the next wait would pass the budget", async () => {
    // Waits of 0.375–0.5 s, then 0.75–1 s: the second no longer fits in 1.1 s.
    const pgbeam = await clientFor(
      (_, __, res) => json(res, 503, { code: "SERVICE_UNAVAILABLE", title: "Unavailable" }),
      { maxRetries: 5, totalTimeoutMs: 1_100 },
    );
    const started = Date.now();
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toMatchObject({
      status: 503,
    });
    expect(Date.now() - started).toBeLessThan(1_100);
    expect(server?.requests).toHaveLength(2);
  });

  test("per call, and checked like the client's", async () => {
    const pgbeam = await clientFor(() => {});
    await expect(
      pgbeam.policies.getPolicyProfile("prj_1", "pol_1", { totalTimeoutMs: 80 }),
    ).rejects.toMatchObject({ budget: "totalTimeoutMs", timeoutMs: 80 });
    await expect(
      pgbeam.policies.getPolicyProfile("prj_1", "pol_1", { totalTimeoutMs: 0 }),
    ).rejects.toMatchObject({ name: "PgBeamArgumentError", argument: "totalTimeoutMs" });
  });
});

describe("JSON.stringify of a redirect error", () => {
  test("keeps status and the Location's origin", async () => {
    const pgbeam = await clientFor((_, __, res) =>
      res.writeHead(302, { location: "https://elsewhere.test/login" }).end(),
    );
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgBeamRedirectError);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "PgBeamRedirectError",
      status: 302,
      locationOrigin: "https://elsewhere.test",
    });
  });
});

describe("a token function's own exception", () => {
  test("is rethrown as it is, after one attempt", async () => {
    const pgbeam = await clientFor((_, __, res) => json(res, 200, profile("pol_1")));
    const bug = new TypeError("vault.read is not a function");
    const client = createPolicyClient({
      baseUrl: server?.url,
      token: () => {
        throw bug;
      },
    });
    await expect(client.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBe(bug);
    expect(server?.requests).toHaveLength(0);
    await pgbeam.policies.getPolicyProfile("prj_1", "pol_1");
  });
});
