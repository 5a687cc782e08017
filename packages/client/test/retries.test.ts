import { afterEach, describe, expect, test } from "vitest";
import {
  BadRequestError,
  createPolicyClient,
  InternalServerError,
  PgBeamConnectionError,
  PgBeamTimeoutError,
  RateLimitError,
} from "../src/index.js";
import { apiKey, profile } from "./helpers/fixtures.js";
import { envelope, json, type Script, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
afterEach(() => server?.close());

async function clientFor(script: Script, options: Parameters<typeof createPolicyClient>[0] = {}) {
  server = await startServer(script);
  return createPolicyClient({ apiKey, baseUrl: server.url, ...options });
}

const failThenSucceed =
  (failures: number, status: number, headers: Record<string, string> = {}): Script =>
  (n, _, res) =>
    n < failures
      ? json(res, status, envelope("unavailable", "try again"), headers)
      : json(res, 200, profile("pol_1"));

describe("retries", () => {
  test.each([408, 429, 500, 502, 503, 504])(
    "%i then 200 is retried and returns the data",
    async (status) => {
      const pgbeam = await clientFor(failThenSucceed(1, status));
      expect((await pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).id).toBe("pol_1");
      expect(server.requests).toHaveLength(2);
    },
  );

  test.each([400, 401, 403, 404, 409, 422])("%i is never retried", async (status) => {
    const pgbeam = await clientFor(failThenSucceed(1, status));
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toMatchObject({
      status,
    });
    expect(server.requests).toHaveLength(1);
  });

  test("always 503: exactly maxRetries + 1 attempts, then InternalServerError", async () => {
    const pgbeam = await clientFor(failThenSucceed(99, 503), { maxRetries: 2 });
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(server.requests).toHaveLength(3);
  });

  test("the error after the last retry says how many attempts were made", async () => {
    const pgbeam = await clientFor(failThenSucceed(99, 503), { maxRetries: 2 });
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect((error as Error).message).toBe("503 try again; failed after 3 attempts");
    expect(JSON.stringify(error)).toContain("failed after 3 attempts");
  });

  test("a single attempt (no retries asked, or a POST that may not be retried) says nothing of attempts", async () => {
    const pgbeam = await clientFor(failThenSucceed(99, 503), { maxRetries: 0 });
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect((error as Error).message).toBe("503 try again");
  });

  test("per-call maxRetries overrides the client's", async () => {
    const pgbeam = await clientFor(failThenSucceed(99, 503), { maxRetries: 2 });
    await expect(
      pgbeam.policies.getPolicyProfile("prj_1", "pol_1", { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
  });

  test("backoff waits about 0.5 s before the first retry", async () => {
    const pgbeam = await clientFor(failThenSucceed(1, 503));
    const started = Date.now();
    await pgbeam.policies.getPolicyProfile("prj_1", "pol_1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(370);
  });
});

describe("Retry-After", () => {
  test("seconds: waits that long, then retries", async () => {
    const pgbeam = await clientFor(failThenSucceed(1, 429, { "retry-after": "1" }));
    const started = Date.now();
    await pgbeam.policies.getPolicyProfile("prj_1", "pol_1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  test("an HTTP date: waits until then", async () => {
    const at = new Date(Date.now() + 2000).toUTCString();
    const pgbeam = await clientFor(failThenSucceed(1, 429, { "retry-after": at }));
    const started = Date.now();
    await pgbeam.policies.getPolicyProfile("prj_1", "pol_1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  test("over the cap: RateLimitError at once, with retryAfterMs", async () => {
    const pgbeam = await clientFor(failThenSucceed(1, 429, { "retry-after": "3600" }));
    const started = Date.now();
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect((error as Error).message).toBe(
      "429 try again; not retried: Retry-After 3600 s exceeds maxRetryAfterMs (60 s)",
    );
    expect(Date.now() - started).toBeLessThan(300);
    expect(server.requests).toHaveLength(1);
  });

  test("a Retry-After longer than what is left of totalTimeoutMs: failed at once, saying why", async () => {
    const pgbeam = await clientFor(failThenSucceed(1, 429, { "retry-after": "30" }), {
      totalTimeoutMs: 2000,
    });
    const started = Date.now();
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    // About 2 s are left; a loaded machine may have spent a tenth of it already.
    expect((error as Error).message).toMatch(
      /^429 try again; not retried: Retry-After 30 s exceeds the (2|1\.\d) s left of totalTimeoutMs$/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  test("a wait that would pass totalTimeoutMs after a retry: both the attempts and the reason", async () => {
    const pgbeam = await clientFor(
      (n, _, res) =>
        json(res, 503, envelope("unavailable", "try again"), {
          "retry-after": n === 0 ? "0" : "30",
        }),
      { totalTimeoutMs: 2000 },
    );
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^503 try again; failed after 2 attempts; not retried: Retry-After 30 s exceeds the (2|1\.\d) s left of totalTimeoutMs$/,
    );
    expect(server.requests).toHaveLength(2);
  });

  test("a backoff longer than what is left of totalTimeoutMs is named as the backoff", async () => {
    const pgbeam = await clientFor(failThenSucceed(99, 503), { totalTimeoutMs: 300 });
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^503 try again; not retried: the backoff of 0\.[45] s exceeds the 0\.[0-3] s left of totalTimeoutMs$/,
    );
  });

  test("the cap is configurable", async () => {
    const pgbeam = await clientFor(failThenSucceed(1, 429, { "retry-after": "1" }), {
      maxRetryAfterMs: 500,
    });
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBeInstanceOf(
      RateLimitError,
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe("which calls may be retried", () => {
  test("create is retried under one Idempotency-Key for every attempt", async () => {
    const pgbeam = await clientFor(failThenSucceed(2, 503));
    await pgbeam.policies.createPolicyProfile("prj_1", { name: "a" });
    const keys = server.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(server.requests.every((r) => r.body === '{"name":"a"}')).toBe(true);
  });

  test("two creates get two different keys", async () => {
    const pgbeam = await clientFor((_, __, res) => json(res, 201, profile("pol_1")));
    await pgbeam.policies.createPolicyProfile("prj_1", { name: "a" });
    await pgbeam.policies.createPolicyProfile("prj_1", { name: "a" });
    expect(server.requests[0]?.headers["idempotency-key"]).not.toBe(
      server.requests[1]?.headers["idempotency-key"],
    );
  });

  test("create with idempotencyKey: false is not retried", async () => {
    const pgbeam = await clientFor(failThenSucceed(1, 503));
    await expect(
      pgbeam.policies.createPolicyProfile("prj_1", { name: "a" }, { idempotencyKey: false }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
  });

  test("dryEvalPolicy and replayPolicy persist nothing, so they are retried", async () => {
    const pgbeam = await clientFor((n, _, res) =>
      n % 2 === 0
        ? json(res, 503, envelope("unavailable", "x"))
        : json(res, 200, { verdict: "allow", rule: "ok", reason: "fine", summary: {}, items: [] }),
    );
    await pgbeam.policies.dryEvalPolicy("prj_1", { sql: "select 1", policy_id: "pol_1" });
    await pgbeam.policies.replayPolicy("prj_1", { policy_id: "pol_1" });
    expect(server.requests).toHaveLength(4);
  });

  test("a raw POST without an idempotency key is not retried", async () => {
    const pgbeam = await clientFor(failThenSucceed(1, 503));
    const { error } = await pgbeam.raw.POST("/v1/projects/{project_id}/policies", {
      params: { path: { project_id: "prj_1" } },
      body: { name: "a" },
    });
    expect(error).toEqual(envelope("unavailable", "try again"));
    expect(server.requests).toHaveLength(1);
  });
});

describe("connection failures and timeouts", () => {
  test("connection refused: PgBeamConnectionError after every retry", async () => {
    server = await startServer(() => {});
    const { url } = server;
    await server.close();
    const pgbeam = createPolicyClient({ apiKey, baseUrl: url, maxRetries: 1 });
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgBeamConnectionError);
    expect((error as Error).message).toBe(
      `Could not reach ${new URL(url).host}: connection refused (ECONNREFUSED).`,
    );
    expect(error).toMatchObject({ host: new URL(url).host, code: "ECONNREFUSED" });
  });

  test("a reset before headers is retried, then succeeds", async () => {
    const pgbeam = await clientFor((n, _, res) =>
      n === 0 ? res.socket?.destroy() : json(res, 200, profile("pol_1")),
    );
    expect((await pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).id).toBe("pol_1");
    expect(server.requests).toHaveLength(2);
  });

  test("a reset mid-body is a connection error, retried", async () => {
    const pgbeam = await clientFor((n, _, res) => {
      if (n > 0) return json(res, 200, profile("pol_1"));
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"id":"pol_1",');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect((await pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).id).toBe("pol_1");
    expect(server.requests).toHaveLength(2);
  });

  test("a hang: PgBeamTimeoutError after timeoutMs on each attempt", async () => {
    const pgbeam = await clientFor(() => {}, { timeoutMs: 100, maxRetries: 1 });
    const started = Date.now();
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgBeamTimeoutError);
    expect(error).toBeInstanceOf(PgBeamConnectionError);
    expect((error as Error).message).toBe(
      `The request to ${new URL(server.url).host} timed out after 100 ms (timeoutMs, per attempt).`,
    );
    expect(error).toMatchObject({ budget: "timeoutMs", timeoutMs: 100 });
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  test("a timeout aborts the signal a fetch wrapper passes on, each attempt its own", async () => {
    const seen: AbortSignal[] = [];
    const pgbeam = await clientFor(() => {}, {
      timeoutMs: 80,
      maxRetries: 1,
      // A wrapper that rebuilds init, as logging or header-adding wrappers do.
      fetch: (request, init) => {
        const copy = { ...init };
        if (copy.signal) seen.push(copy.signal);
        return globalThis.fetch(request, copy);
      },
    });
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBeInstanceOf(
      PgBeamTimeoutError,
    );
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    for (const signal of seen) {
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBeInstanceOf(PgBeamTimeoutError);
    }
  });

  test("a fetch that ignores its signal still times out", async () => {
    const pgbeam = await createPolicyClient({
      apiKey,
      baseUrl: "https://api.pgbeam.test",
      timeoutMs: 50,
      maxRetries: 0,
      fetch: () => new Promise<Response>(() => {}),
    });
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBeInstanceOf(
      PgBeamTimeoutError,
    );
  });

  test("per-call timeoutMs overrides the client's", async () => {
    const pgbeam = await clientFor(() => {}, { timeoutMs: 60_000, maxRetries: 0 });
    await expect(
      pgbeam.policies.getPolicyProfile("prj_1", "pol_1", { timeoutMs: 50 }),
    ).rejects.toBeInstanceOf(PgBeamTimeoutError);
  });
});

describe("the caller's signal", () => {
  test("aborting during a request rejects with the caller's reason", async () => {
    const pgbeam = await clientFor(() => {});
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    setTimeout(() => controller.abort(reason), 50);
    await expect(
      pgbeam.policies.getPolicyProfile("prj_1", "pol_1", { signal: controller.signal }),
    ).rejects.toBe(reason);
  });

  test("aborting during backoff rejects at once and sends nothing more", async () => {
    const pgbeam = await clientFor(failThenSucceed(99, 503), { maxRetries: 5 });
    const controller = new AbortController();
    const reason = new Error("stop");
    const call = pgbeam.policies.getPolicyProfile("prj_1", "pol_1", { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const abortedAt = Date.now();
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(Date.now() - abortedAt).toBeLessThan(50);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(server.requests).toHaveLength(1);
  });

  test("an already aborted signal sends nothing", async () => {
    const pgbeam = await clientFor(failThenSucceed(0, 200));
    const reason = new Error("never mind");
    await expect(
      pgbeam.policies.getPolicyProfile("prj_1", "pol_1", { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });
});

test("a bad request is surfaced with the server's message", async () => {
  const pgbeam = await clientFor((_, __, res) =>
    json(res, 400, envelope("invalid_request", "name is required")),
  );
  const call = pgbeam.policies.createPolicyProfile("prj_1", { name: "" });
  await expect(call).rejects.toBeInstanceOf(BadRequestError);
  await expect(call).rejects.toThrow("400 name is required");
});
