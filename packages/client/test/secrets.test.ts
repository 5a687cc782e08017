import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { createPolicyClient, type Logger } from "../src/index.js";
import { apiKey, profile } from "./helpers/fixtures.js";
import { envelope, json, problem, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
afterEach(() => server?.close());

function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const record = (message: string, fields: Record<string, unknown>) =>
    lines.push(`${message} ${JSON.stringify(fields)}`);
  return { lines, logger: { debug: record, info: record, warn: record, error: record } };
}

function expectNoKey(text: string): void {
  expect(text).not.toContain(apiKey);
  expect(text).not.toContain("SECRET");
}

describe("the API key never leaks", () => {
  const failures: Array<[string, (res: import("node:http").ServerResponse) => void]> = [
    ["400", (res) => json(res, 400, envelope("invalid_request", "bad"))],
    ["401", (res) => json(res, 401, envelope("unauthorized", "bad key"))],
    ["429", (res) => json(res, 429, envelope("rate_limited", "slow"), { "retry-after": "9999" })],
    ["500 html", (res) => res.writeHead(500, { "content-type": "text/html" }).end("<h1>oops</h1>")],
    ["bad json", (res) => res.writeHead(200, { "content-type": "application/json" }).end("{")],
    ["reset", (res) => res.socket?.destroy()],
    ["hang", () => {}],
    [
      "problem document echoing the key",
      (res) =>
        problem(res, 401, "UNAUTHORIZED", `The key ${apiKey} is not valid.`, {
          body: { instance: `/v1/projects/prj_1/policies?key=${apiKey}`, request_id: "req_1" },
        }),
    ],
    [
      "html 404 echoing the key",
      (res) =>
        res.writeHead(404, { "content-type": "text/html" }).end(`<title>No ${apiKey}</title>`),
    ],
  ];

  test.each(failures)(
    "%s: not in the error, its stack, JSON or inspect form, nor any log line",
    async (_, write) => {
      server = await startServer((__, ___, res) => write(res));
      const { logger, lines } = captureLogger();
      const pgbeam = createPolicyClient({
        apiKey,
        baseUrl: server.url,
        maxRetries: 0,
        timeoutMs: 200,
        logger,
        logLevel: "debug",
        headers: { "x-api-key": apiKey },
      });
      const error = await pgbeam.policies
        .createPolicyProfile("prj_1", { name: "a" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const err = error as Error;
      expectNoKey(err.message);
      expectNoKey(err.stack ?? "");
      expectNoKey(JSON.stringify(err));
      expectNoKey(inspect(err, { depth: 10, showHidden: true }));
      expect(lines.length).toBeGreaterThan(0);
      expectNoKey(lines.join("\n"));
    },
  );

  test("not in util.inspect of the client", () => {
    const pgbeam = createPolicyClient({ apiKey });
    expectNoKey(inspect(pgbeam, { depth: 10, showHidden: true }));
  });
});

describe("logging", () => {
  test("debug logs each attempt with redacted headers; info logs the response with its request id", async () => {
    server = await startServer((_, __, res) =>
      json(res, 200, profile("pol_1"), { "x-request-id": "req_7" }),
    );
    const { logger, lines } = captureLogger();
    const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url, logger, logLevel: "debug" });
    await pgbeam.policies.createPolicyProfile("prj_1", { name: "a" }, { idempotencyKey: "k1" });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(
      '[pgbeam] request {"method":"POST","path":"/v1/projects/prj_1/policies","attempt":1',
    );
    expect(lines[0]).toContain('"idempotency-key":"k1"');
    expect(lines[1]).toMatch(/^\[pgbeam\] response .*"status":200.*"requestId":"req_7"/);
  });

  test("the level filters lines, and off (the default) logs nothing", async () => {
    server = await startServer((n, _, res) =>
      n === 0 ? json(res, 503, envelope("unavailable", "x")) : json(res, 200, profile("pol_1")),
    );
    const warnings = captureLogger();
    await createPolicyClient({
      apiKey,
      baseUrl: server.url,
      logger: warnings.logger,
      logLevel: "warn",
    }).policies.getPolicyProfile("prj_1", "pol_1");
    expect(warnings.lines).toHaveLength(1);
    expect(warnings.lines[0]).toMatch(/^\[pgbeam\] retrying .*"status":503/);

    const silent = captureLogger();
    await createPolicyClient({
      apiKey,
      baseUrl: server.url,
      logger: silent.logger,
    }).policies.getPolicyProfile("prj_1", "pol_1");
    expect(silent.lines).toEqual([]);
  });
});

describe("which keys are redacted", () => {
  /** The error of a get whose answer `write` sends, with the client on `key`. */
  async function errorWith(
    key: string,
    write: (res: import("node:http").ServerResponse) => void,
    profileId = "pol_1",
  ): Promise<Record<string, unknown>> {
    server = await startServer((_, __, res) => write(res));
    const pgbeam = createPolicyClient({ apiKey: key, baseUrl: server.url, maxRetries: 0 });
    return pgbeam.policies.getPolicyProfile("prj_1", profileId).catch((e: unknown) => e) as Promise<
      Record<string, unknown>
    >;
  }
  const instance = "/v1/projects/prj_1/policies/pol_1";

  test.each(["test", "1", "k", "pgb_123"])(
    "a key shorter than 8 characters (%j) is not redacted from any field",
    async (key) => {
      const detail = 'A policy profile named "test-db" already exists (1 k)';
      const error = await errorWith(key, (res) =>
        problem(res, 409, "RESOURCE_EXISTS", detail, { body: { instance, request_id: "req_1k" } }),
      );
      expect(error.message).toBe(`409 ${detail}`);
      expect(error).toMatchObject({ detail, instance, requestId: "req_1k" });
      expect(error.url).toBe(`${server.url}${instance}`);
    },
  );

  test("a key of 8 characters or more is redacted from every field, the URL included", async () => {
    const key = "pgb_1234";
    const error = await errorWith(
      key,
      (res) =>
        problem(res, 404, "NOT_FOUND", `no profile ${key}`, {
          body: { instance: `/v1/projects/prj_1/policies/${key}`, request_id: `req_${key}` },
        }),
      key,
    );
    expect(error.message).toBe("404 no profile [redacted]");
    expect(error).toMatchObject({
      detail: "no profile [redacted]",
      instance: "/v1/projects/prj_1/policies/[redacted]",
      requestId: "req_[redacted]",
      url: `${server.url}/v1/projects/prj_1/policies/[redacted]`,
    });
    expect(JSON.stringify(error)).not.toContain(key);
  });

  test("the URL and a request id header are redacted in a non-problem answer too", async () => {
    const error = await errorWith(
      apiKey,
      (res) =>
        res.writeHead(404, { "content-type": "text/plain", "x-request-id": apiKey }).end("no"),
      apiKey,
    );
    expect(error.requestId).toBe("[redacted]");
    expect(error.url).toBe(`${server.url}/v1/projects/prj_1/policies/[redacted]`);
    expectNoKey(String(error.message));
  });
});
