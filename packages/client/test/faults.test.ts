// Fault injection: a scripted loopback server misbehaves; every fault must end in data or a typed
// error, nothing may be lost or done twice, and nothing may be left running.
import { afterEach, describe, expect, test } from "vitest";
import {
  createPolicyClient,
  InternalServerError,
  PgBeamConnectionError,
  PgBeamError,
  PgBeamResponseError,
} from "../src/index.js";
import { apiKey, profile } from "./helpers/fixtures.js";
import { envelope, json, type Script, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(script: Script, options: Parameters<typeof createPolicyClient>[0] = {}) {
  server = await startServer(script);
  return {
    pgbeam: createPolicyClient({ apiKey, baseUrl: server.url, ...options }),
    requests: server.requests,
  };
}

describe("a create that the server stored before failing", () => {
  test("is retried under the same Idempotency-Key, and stored exactly once", async () => {
    const stored = new Map<string, ReturnType<typeof profile>>();
    const { pgbeam, requests } = await clientFor((n, request, res) => {
      const key = String(request.headers["idempotency-key"]);
      const existing = stored.get(key);
      const saved = existing ?? profile(`pol_${stored.size + 1}`, JSON.parse(request.body).name);
      stored.set(key, saved);
      // The first attempt is stored, then the proxy in front answers 503.
      if (n === 0) json(res, 503, envelope("unavailable", "upstream reset"));
      else json(res, existing ? 200 : 201, saved);
    });
    const created = await pgbeam.policies.createPolicyProfile("prj_1", { name: "once" });
    expect(created.name).toBe("once");
    expect(requests).toHaveLength(2);
    expect(stored.size).toBe(1);
  });

  test("with idempotencyKey: false it is not retried, so a 503 is the caller's to handle", async () => {
    const { pgbeam, requests } = await clientFor((_, __, res) =>
      json(res, 503, envelope("unavailable", "x")),
    );
    await expect(
      pgbeam.policies.createPolicyProfile("prj_1", { name: "a" }, { idempotencyKey: false }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(1);
  });
});

describe("a 50 MB response", () => {
  test("is refused past maxResponseBytes without holding it in memory", async () => {
    const chunk = Buffer.alloc(1024 * 1024, "x");
    const { pgbeam } = await clientFor((_, __, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      let sent = 0;
      const pump = () => {
        while (sent < 50 && res.write(chunk)) sent++;
        if (sent < 50) res.once("drain", pump);
        else res.end();
      };
      pump();
    });
    global.gc?.();
    const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers);
    }, 5);
    const error = await pgbeam.policies
      .listPolicyProfiles("prj_1", {}, { maxRetries: 0 })
      .catch((e: unknown) => e);
    clearInterval(sampler);
    expect(error).toBeInstanceOf(PgBeamResponseError);
    expect((error as Error).message).toBe(
      "The 200 response body is larger than maxResponseBytes (16777216 bytes); raise maxResponseBytes if this is expected.",
    );
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
  });
});

describe("1 000 concurrent calls with a 10 % fault rate", () => {
  test("every call settles, nothing is unhandled, and nothing is left open", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const resourcesBefore = process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap");

    const { pgbeam } = await clientFor(
      (n, _, res) => {
        if (n % 10 !== 3) return json(res, 200, profile(`pol_${n}`));
        if (n % 20 === 3) return json(res, 503, envelope("unavailable", "busy"));
        res.socket?.destroy();
      },
      { maxRetries: 2 },
    );
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, i) => pgbeam.policies.getPolicyProfile("prj_1", `pol_${i}`)),
    );
    const fulfilled = results.filter((r) => r.status === "fulfilled").length;
    const typed = results.filter(
      (r) => r.status === "rejected" && r.reason instanceof PgBeamError,
    ).length;
    expect(fulfilled + typed).toBe(1000);
    expect(fulfilled).toBeGreaterThan(990);

    await server?.close();
    server = undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.off("unhandledRejection", onUnhandled);
    expect(unhandled).toEqual([]);
    const resourcesAfter = process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap");
    const count = (list: string[], kind: string) => list.filter((r) => r === kind).length;
    for (const kind of ["Timeout", "TCPSocketWrap", "TCPServerWrap"]) {
      expect(count(resourcesAfter, kind), kind).toBeLessThanOrEqual(count(resourcesBefore, kind));
    }
  }, 30_000);
});

describe("connection faults end in typed errors", () => {
  test("a reset on every attempt: PgBeamConnectionError after maxRetries + 1 attempts", async () => {
    const { pgbeam, requests } = await clientFor((_, __, res) => res.socket?.destroy(), {
      maxRetries: 1,
    });
    await expect(pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBeInstanceOf(
      PgBeamConnectionError,
    );
    expect(requests).toHaveLength(2);
  });
});
