// .withResponse() on every method: the data with the final response, its request id and ETag.
import { afterEach, describe, expect, test } from "vitest";
import { createPolicyClient, NotFoundError } from "../src/index.js";
import { apiKey, profile } from "./helpers/fixtures.js";
import { json, problem, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
afterEach(() => server.close());

describe("withResponse()", () => {
  test("a successful call shows its status, headers, request id and ETag; one request for both", async () => {
    server = await startServer((_, __, res) =>
      json(res, 200, profile("pol_1"), { etag: '"v7"', "x-request-id": "req_ok_1" }),
    );
    const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url });
    const call = pgbeam.policies.getPolicyProfile("prj_1", "pol_1");
    const [data, full] = await Promise.all([call, call.withResponse()]);
    expect(full.data).toBe(data);
    expect(full).toMatchObject({ requestId: "req_ok_1", etag: '"v7"' });
    expect(full.response.status).toBe(200);
    expect(full.response.headers.get("content-type")).toBe("application/json");
    expect(server.requests).toHaveLength(1);
  });

  test("a failed call rejects withResponse() with the typed error (and nothing is left unhandled)", async () => {
    server = await startServer((_, __, res) => problem(res, 404, "NOT_FOUND", "No such profile."));
    const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url });
    await expect(
      pgbeam.policies.deletePolicyProfile("prj_1", "pol_1").withResponse(),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
