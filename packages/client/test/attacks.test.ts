// Attacks and careless callers, on real loopback servers: each test here failed before its fix.
import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import {
  createPolicyClient,
  InternalServerError,
  PgBeamArgumentError,
  PgBeamError,
  PgBeamRedirectError,
  PgBeamResponseError,
  PgBeamTimeoutError,
} from "../src/index.js";
import { parseRetryAfterMs } from "../src/retry-after.js";
import { apiKey, profile } from "./helpers/fixtures.js";
import { envelope, json, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
let other: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  await other?.close();
  other = undefined;
});

/** Iterates over every profile of prj_1, keeping none. */
async function drain(): Promise<void> {
  for await (const _ of client().policies.listAllPolicyProfiles("prj_1")) {
    // only the iteration matters
  }
}

const client = (extra: Record<string, unknown> = {}) =>
  createPolicyClient({ apiKey, baseUrl: server.url, maxRetries: 0, ...extra });

/** Everything an error shows: message, stack, JSON and inspect forms. */
const shown = (error: unknown) =>
  [
    String(error),
    (error as Error).stack ?? "",
    JSON.stringify(error),
    inspect(error, { depth: 5 }),
  ].join("\n");

describe("1. path traversal through ids", () => {
  test.each([
    ["projectId", ".."],
    ["projectId", "."],
    ["policyId", ".."],
    ["policyId", "."],
  ])("%s %j is refused before anything is sent", async (name, id) => {
    server = await startServer((_, __, res) => json(res, 204, {}));
    const pgbeam = client();
    const call =
      name === "projectId"
        ? pgbeam.policies.deletePolicyProfile(id, "pol_1")
        : pgbeam.policies.deletePolicyProfile("prj_1", id);
    await expect(call).rejects.toThrow(
      new PgBeamArgumentError(
        name,
        `${name} must not be "${id}": as a path segment it would change which URL is called.`,
      ),
    );
    expect(server.requests).toHaveLength(0);
  });

  test("ids with slashes, dots inside, CRLF, %2F and unicode stay inside their segment", async () => {
    server = await startServer((_, __, res) => json(res, 200, profile("pol_1")));
    for (const id of ["a/b", "...", ".x", "a\r\nb", "%2F", "é", "a?b#c", "nul\u0000"]) {
      await client().policies.getPolicyProfile("prj_1", id);
    }
    expect(server.requests.map((r) => r.path.split("/").length)).toEqual(Array(8).fill(6));
  });
});

describe("2. no regex blow-up on hostile error bodies", () => {
  test.each([
    ["'<' × 1e6", "<".repeat(1_000_000)],
    ["unclosed tags", "<a".repeat(300_000)],
    ["nested <title", "<title".repeat(200_000)],
    ["a title", "<html><head><title>Bad  gateway</title></head><body>…</body></html>"],
  ])("%s: the event loop keeps ticking and the error is short", async (_, body) => {
    server = await startServer((__, ___, res) =>
      res.writeHead(502, { "content-type": "text/html" }).end(body),
    );
    // A quadratic scan blocks the loop for seconds; a linear one leaves no gap near that long.
    const stamps = [Date.now()];
    const ticker = setInterval(() => stamps.push(Date.now()), 5);
    const error = await client({ maxResponseBytes: 64 * 1024 * 1024 })
      .policies.getPolicyProfile("prj_1", "pol_1")
      .catch((e: unknown) => e);
    clearInterval(ticker);
    stamps.push(Date.now());
    const longestGapMs = Math.max(...stamps.slice(1).map((t, i) => t - (stamps[i] as number)));
    expect(error).toBeInstanceOf(InternalServerError);
    // The excerpt (at most 200 characters) plus what the message says about it and the URL.
    expect((error as Error).message.length).toBeLessThan(400);
    expect(longestGapMs).toBeLessThan(1_000);
    if (body.includes("Bad  gateway"))
      expect((error as Error).message).toMatch(/^502 Bad gateway \(/);
  });
});

describe("3. secrets never reach a TypeError", () => {
  test.each(["pgb_key\r\nX-Injected: 1", "pgb_key\u0000", "pgb_kéy", "pgb key"])(
    "an apiKey with %j is refused at creation without its value",
    (bad) => {
      let thrown: unknown;
      try {
        createPolicyClient({ apiKey: bad, baseUrl: "https://api.pgbeam.com" });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PgBeamError);
      expect(shown(thrown)).not.toContain("pgb_k");
    },
  );

  test("a token() result with a newline fails the call with a PgBeamError that omits it", async () => {
    server = await startServer((_, __, res) => json(res, 200, profile("pol_1")));
    const pgbeam = createPolicyClient({
      token: () => "secret_token\n",
      baseUrl: server.url,
      maxRetries: 0,
    });
    const error = await pgbeam.policies.getPolicyProfile("prj_1", "pol_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgBeamError);
    expect(shown(error)).not.toContain("secret_token");
    expect(server.requests).toHaveLength(0);
  });

  test("a baseUrl with user:password@ is refused without the password", () => {
    let thrown: unknown;
    try {
      createPolicyClient({ apiKey, baseUrl: "https://user:hunter2@api.pgbeam.com" });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toBe(
      "Invalid client option: baseUrl must not carry credentials (user:password@): pass the API key as apiKey or token.",
    );
    expect(shown(thrown)).not.toContain("hunter2");
    expect(() => createPolicyClient({ apiKey, baseUrl: "http://u:hunter2@ bad" })).toThrow(
      /\[redacted\]@/,
    );
  });
});

describe("4. redirects are never followed", () => {
  test.each([301, 302, 303, 307, 308])(
    "%i to another origin: a typed error naming it, nothing sent there",
    async (status) => {
      other = await startServer((_, __, res) => json(res, 200, profile("pol_evil")));
      server = await startServer((_, __, res) =>
        res.writeHead(status, { location: `${other?.url}/steal` }).end(),
      );
      const error = await client({ headers: { "x-api-key": "pgb_custom_SECRET" } })
        .policies.createPolicyProfile("prj_1", { name: "x" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PgBeamRedirectError);
      expect(error).toMatchObject({ status, locationOrigin: other?.url });
      expect(other?.requests).toHaveLength(0);
    },
  );
});

describe("5. a hung token() is covered by the timeout and the caller's signal", () => {
  test("timeoutMs", async () => {
    server = await startServer((_, __, res) => json(res, 200, profile("pol_1")));
    const pgbeam = createPolicyClient({
      token: () => new Promise<string>(() => {}),
      baseUrl: server.url,
      maxRetries: 0,
      timeoutMs: 100,
    });
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBeInstanceOf(
      PgBeamTimeoutError,
    );
  });

  test("the caller's AbortSignal", async () => {
    server = await startServer((_, __, res) => json(res, 200, profile("pol_1")));
    const pgbeam = createPolicyClient({
      token: () => new Promise<string>(() => {}),
      baseUrl: server.url,
      maxRetries: 0,
    });
    const reason = new Error("stop");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    await expect(
      pgbeam.policies.getPolicyProfile("prj_1", "pol_1", { signal: controller.signal }),
    ).rejects.toBe(reason);
  });
});

describe("6. baseUrl that would send requests elsewhere", () => {
  test.each([
    ["https://api.pgbeam.com/?x=1", "query or fragment"],
    ["http://127.0.0.1:1/#x", "query or fragment"],
    ["https://api.pgbeam.com/v1/projects/{project_id}", "placeholders"],
    ["https://api.pgbeam.com/v1/projects/%7Bproject_id%7D", "placeholders"],
    [" https://api.pgbeam.com", "spaces or line breaks"],
    ["https://api.pgbeam.com\n", "spaces or line breaks"],
  ])("%j is refused (%s)", (baseUrl, why) => {
    expect(() => createPolicyClient({ apiKey, baseUrl })).toThrow(why);
  });
});

describe("9. timeouts and Retry-After", () => {
  test.each([
    [
      { timeoutMs: Number.POSITIVE_INFINITY },
      "timeoutMs must be a number from 1 to 2147483647 (got Infinity).",
    ],
    [{ timeoutMs: 2 ** 31 }, "timeoutMs must be a number from 1 to 2147483647 (got 2147483648)."],
    [
      { maxRetries: Number.POSITIVE_INFINITY },
      "maxRetries must be an integer from 0 to 100 (got Infinity).",
    ],
    [{ maxRetries: -1 }, "maxRetries must be an integer from 0 to 100 (got -1)."],
  ])("per call %j is refused before sending", async (options, message) => {
    server = await startServer((_, __, res) => json(res, 200, profile("pol_1")));
    await expect(client().policies.getPolicyProfile("prj_1", "pol_1", options)).rejects.toThrow(
      `Invalid request option: ${message}`,
    );
    expect(server.requests).toHaveLength(0);
  });

  test.each(["-1", "-5", "1.5", "+3", "soon", "2001-01-01", "Tue, 1 Jan 2030 00:00:00 GMT"])(
    "Retry-After %j is not a delay: the client's backoff applies",
    (value) => {
      expect(parseRetryAfterMs(value)).toBeUndefined();
    },
  );

  test("a non-negative integer and an IMF-fixdate are read", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    expect(parseRetryAfterMs("0", now)).toBe(0);
    expect(parseRetryAfterMs(" 7 ", now)).toBe(7000);
    expect(parseRetryAfterMs("Tue, 01 Jan 2030 00:00:05 GMT", now)).toBe(5000);
  });
});

describe("10. smaller ones", () => {
  test("an error body that echoes the key has it redacted from message, body and JSON", async () => {
    server = await startServer((_, __, res) =>
      json(res, 401, envelope("unauthorized", `key ${apiKey} is revoked`)),
    );
    const error = await client()
      .policies.getPolicyProfile("prj_1", "pol_1")
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe("401 key [redacted] is revoked");
    expect(shown(error)).not.toContain(apiKey);
    expect(JSON.stringify((error as { body: unknown }).body)).not.toContain(apiKey);
  });

  test.each([null, 42, "text", [1]])(
    "a 200 body of %j is a PgBeamResponseError, not a profile",
    async (body) => {
      server = await startServer((_, __, res) => json(res, 200, body));
      await expect(client().policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBeInstanceOf(
        PgBeamResponseError,
      );
    },
  );

  test.each([["abc"], [null], [{ length: 2 }]])(
    "listAll over policies: %j is a PgBeamResponseError",
    async (policies) => {
      server = await startServer((_, __, res) => json(res, 200, { policies }));
      await expect(drain()).rejects.toBeInstanceOf(PgBeamResponseError);
    },
  );

  test("a server that always sends a fresh token with empty pages is stopped", async () => {
    server = await startServer((n, __, res) =>
      json(res, 200, { policies: [], next_page_token: `t${n}` }),
    );
    await expect(drain()).rejects.toThrow("empty pages in a row");
    expect(server.requests.length).toBeLessThanOrEqual(11);
  });

  test("a server that repeats one page under fresh tokens is stopped", async () => {
    server = await startServer((n, __, res) =>
      json(res, 200, { policies: [profile("pol_1")], next_page_token: `t${n}` }),
    );
    await expect(drain()).rejects.toThrow("the same page twice");
  });

  test("an object page token is a PgBeamResponseError", async () => {
    server = await startServer((_, __, res) =>
      json(res, 200, { policies: [profile("pol_1")], next_page_token: { a: 1 } }),
    );
    await expect(drain()).rejects.toBeInstanceOf(PgBeamResponseError);
  });

  test("a lone-surrogate id is a PgBeamError naming the parameter", async () => {
    server = await startServer((_, __, res) => json(res, 200, profile("pol_1")));
    await expect(client().policies.getPolicyProfile("prj_1", "pol_\uD800")).rejects.toThrow(
      "policyId contains a lone UTF-16 surrogate, which cannot be sent in a URL.",
    );
  });

  test('idempotencyKey: "" is refused instead of making the create retryable', async () => {
    server = await startServer((_, __, res) => json(res, 201, profile("pol_1")));
    await expect(
      client().policies.createPolicyProfile("prj_1", { name: "x" }, { idempotencyKey: "" }),
    ).rejects.toThrow(
      "idempotencyKey must be a non-empty string of visible ASCII characters, or false to send none.",
    );
    expect(server.requests).toHaveLength(0);
  });

  test("headers named like credentials or certificates are redacted in logs", async () => {
    server = await startServer((_, __, res) => json(res, 200, profile("pol_1")));
    const lines: string[] = [];
    const record = (message: string, fields: Record<string, unknown>) =>
      lines.push(`${message} ${JSON.stringify(fields)}`);
    await client({
      logLevel: "debug",
      logger: { debug: record, info: record, warn: record, error: record },
      headers: { "x-pgbeam-credential": "cred_SECRET", "x-client-cert": "CERT_SECRET" },
    }).policies.getPolicyProfile("prj_1", "pol_1");
    expect(lines.join("\n")).not.toContain("SECRET");
  });
});
