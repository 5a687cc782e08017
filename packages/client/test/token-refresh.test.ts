// refreshTokenOn401: a 401 is retried once, after the token function is asked for a new token.
import { afterEach, describe, expect, test } from "vitest";
import { AuthenticationError, createPolicyClient, PgBeamArgumentError } from "../src/index.js";
import { profile } from "./helpers/fixtures.js";
import { json, problem, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
afterEach(() => server.close());

const fresh = "jwt_fresh_0123456789";
const stale = "jwt_stale_0123456789";

/** A server that accepts only the fresh token. */
async function acceptingFreshOnly() {
  server = await startServer((_, request, res) =>
    request.headers.authorization === `Bearer ${fresh}`
      ? json(res, 201, profile("pol_1"))
      : problem(res, 401, "UNAUTHORIZED", "The token has expired."),
  );
}

describe("refreshTokenOn401", () => {
  test("a 401 calls token({ refresh: true }) and sends the call again, body included", async () => {
    await acceptingFreshOnly();
    const asked: boolean[] = [];
    const client = createPolicyClient({
      baseUrl: server.url,
      refreshTokenOn401: true,
      maxRetries: 0,
      token: ({ refresh }) => {
        asked.push(refresh);
        return refresh ? fresh : stale;
      },
    });
    const created = await client.policies.createPolicyProfile(
      "prj_1",
      { name: "n" },
      { idempotencyKey: false },
    );
    expect(created.id).toBe("pol_1");
    expect(asked).toEqual([false, true]);
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([{ name: "n" }, { name: "n" }]);
  });

  test("only once: a second 401 is an AuthenticationError", async () => {
    await acceptingFreshOnly();
    const client = createPolicyClient({
      baseUrl: server.url,
      refreshTokenOn401: true,
      token: () => stale,
    });
    await expect(client.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(server.requests).toHaveLength(2);
  });

  test("off by default: a 401 is not retried", async () => {
    await acceptingFreshOnly();
    const client = createPolicyClient({ baseUrl: server.url, token: () => stale });
    await expect(client.policies.getPolicyProfile("prj_1", "pol_1")).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(server.requests).toHaveLength(1);
  });

  test("needs a token function", () => {
    expect(() => createPolicyClient({ apiKey: stale, refreshTokenOn401: true })).toThrow(
      PgBeamArgumentError,
    );
  });
});
