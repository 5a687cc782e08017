import { afterEach, describe, expect, test } from "vitest";
import { createPolicyClient, PgBeamArgumentError } from "../src/index.js";
import { apiKey, profile } from "./helpers/fixtures.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
afterEach(() => server.close());

async function clientAnswering(status: number, body: unknown) {
  server = await startServer((_, __, res) =>
    status === 204 ? res.writeHead(204).end() : json(res, status, body),
  );
  return createPolicyClient({ apiKey, baseUrl: server.url, headers: { "x-team": "data" } });
}

describe("each method sends the documented request", () => {
  test("createPolicyProfile: POST the body with an idempotency key, returns the profile", async () => {
    const pgbeam = await clientAnswering(201, profile("pol_1"));
    const created = await pgbeam.policies.createPolicyProfile("prj_1", { name: "ro", max_rows: 5 });
    expect(created.id).toBe("pol_1");
    const [sent] = server.requests;
    expect(sent?.method).toBe("POST");
    expect(sent?.path).toBe("/v1/projects/prj_1/policies");
    expect(JSON.parse(sent?.body ?? "")).toEqual({ name: "ro", max_rows: 5 });
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(sent?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(sent?.headers["x-team"]).toBe("data");
    expect(sent?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("createPolicyProfile: a caller's idempotency key, or none", async () => {
    const pgbeam = await clientAnswering(201, profile("pol_1"));
    await pgbeam.policies.createPolicyProfile(
      "prj_1",
      { name: "a" },
      { idempotencyKey: "create-a-1" },
    );
    await pgbeam.policies.createPolicyProfile("prj_1", { name: "b" }, { idempotencyKey: false });
    expect(server.requests[0]?.headers["idempotency-key"]).toBe("create-a-1");
    expect(server.requests[1]?.headers["idempotency-key"]).toBeUndefined();
  });

  test("listPolicyProfiles: GET with page_size and page_token", async () => {
    const pgbeam = await clientAnswering(200, {
      policies: [profile("pol_1")],
      next_page_token: "t2",
    });
    const page = await pgbeam.policies.listPolicyProfiles("prj_1", {
      page_size: 50,
      page_token: "t1",
    });
    expect(page.next_page_token).toBe("t2");
    expect(server.requests[0]?.method).toBe("GET");
    expect(server.requests[0]?.path).toBe("/v1/projects/prj_1/policies?page_size=50&page_token=t1");
    expect(server.requests[0]?.body).toBe("");
  });

  test("getPolicyProfile: GET one profile, ids URL-encoded", async () => {
    const pgbeam = await clientAnswering(200, profile("pol_1"));
    expect((await pgbeam.policies.getPolicyProfile("prj_1", "pol 1")).id).toBe("pol_1");
    expect(server.requests[0]?.path).toBe("/v1/projects/prj_1/policies/pol%201");
  });

  test("updatePolicyProfile: PUT the whole body", async () => {
    const pgbeam = await clientAnswering(200, profile("pol_1", "renamed"));
    const updated = await pgbeam.policies.updatePolicyProfile("prj_1", "pol_1", {
      name: "renamed",
      write_mode: "rollback",
    });
    expect(updated.name).toBe("renamed");
    expect(server.requests[0]?.method).toBe("PUT");
    expect(server.requests[0]?.path).toBe("/v1/projects/prj_1/policies/pol_1");
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({
      name: "renamed",
      write_mode: "rollback",
    });
    expect(server.requests[0]?.headers["idempotency-key"]).toBeUndefined();
  });

  test("deletePolicyProfile: DELETE, resolves to undefined on 204", async () => {
    const pgbeam = await clientAnswering(204, undefined);
    await expect(pgbeam.policies.deletePolicyProfile("prj_1", "pol_1")).resolves.toBeUndefined();
    expect(server.requests[0]?.method).toBe("DELETE");
    expect(server.requests[0]?.path).toBe("/v1/projects/prj_1/policies/pol_1");
  });

  test("dryEvalPolicy: POST to policy-evaluations", async () => {
    const pgbeam = await clientAnswering(200, {
      verdict: "block",
      rule: "read_only",
      reason: "no writes",
    });
    const result = await pgbeam.policies.dryEvalPolicy("prj_1", {
      sql: "delete from t",
      policy_id: "pol_1",
    });
    expect(result.verdict).toBe("block");
    expect(server.requests[0]?.path).toBe("/v1/projects/prj_1/policy-evaluations");
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({
      sql: "delete from t",
      policy_id: "pol_1",
    });
  });

  test("replayPolicy: POST to policy-replays", async () => {
    const summary = { entries_scanned: 0, truncated: false };
    const pgbeam = await clientAnswering(200, { summary, items: [] });
    const result = await pgbeam.policies.replayPolicy("prj_1", {
      policy: { name: "draft" },
      limit: 10,
    });
    expect(result.items).toEqual([]);
    expect(server.requests[0]?.path).toBe("/v1/projects/prj_1/policy-replays");
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({
      policy: { name: "draft" },
      limit: 10,
    });
  });

  test("replayPolicy: bound_policy_id with credential_id is refused before sending", async () => {
    const pgbeam = await clientAnswering(200, {});
    const error = await pgbeam.policies
      .replayPolicy("prj_1", {
        policy: { name: "draft" },
        bound_policy_id: "pol_live",
        credential_id: "agt_1",
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgBeamArgumentError);
    expect(error).toMatchObject({ argument: "input.bound_policy_id" });
    expect((error as Error).message).toBe(
      "replayPolicy: pass input.bound_policy_id or input.credential_id, not both. " +
        "bound_policy_id replays the traffic of every credential bound to that profile; " +
        "credential_id replays one credential's traffic.",
    );
    expect(server.requests).toHaveLength(0);
  });

  test("replayPolicy: bound_policy_id alone is sent", async () => {
    const summary = { traffic_scope: "bound_credentials", bound_credentials: 2 };
    const pgbeam = await clientAnswering(200, { summary, items: [] });
    const result = await pgbeam.policies.replayPolicy("prj_1", {
      policy: { name: "draft" },
      bound_policy_id: "pol_live",
    });
    expect(result.summary.traffic_scope).toBe("bound_credentials");
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({
      policy: { name: "draft" },
      bound_policy_id: "pol_live",
    });
  });

  test("recommendAgentPolicy: POST to the agent's policy-recommendation, body optional", async () => {
    const recommendation = {
      sufficient_history: true,
      candidate: { name: "recommended", access_mode: "read_only" },
      observed_queries: 12,
      observed_entries: 340,
      window_start: "2026-11-01T00:00:00Z",
      window_end: "2026-12-01T00:00:00Z",
    };
    const pgbeam = await clientAnswering(200, recommendation);
    const result = await pgbeam.policies.recommendAgentPolicy("prj_1", "agt_7", {
      lookback_days: 30,
    });
    expect(result.candidate?.name).toBe("recommended");
    await pgbeam.policies.recommendAgentPolicy("prj_1", "agt_7");
    const [withBody, withoutBody] = server.requests;
    expect(withBody?.method).toBe("POST");
    expect(withBody?.path).toBe("/v1/projects/prj_1/agents/agt_7/policy-recommendation");
    expect(JSON.parse(withBody?.body ?? "")).toEqual({ lookback_days: 30 });
    expect(withoutBody?.body).toBe("");
    expect(withoutBody?.headers["content-type"]).toBeUndefined();
  });

  test("recommendAgentPolicy: retried, since it changes nothing", async () => {
    let calls = 0;
    server = await startServer((_, __, res) =>
      calls++ === 0
        ? json(res, 503, { code: "SERVICE_UNAVAILABLE", title: "Unavailable" })
        : json(res, 200, { sufficient_history: false, message: "too little traffic" }),
    );
    const pgbeam = createPolicyClient({ apiKey, baseUrl: server.url });
    const result = await pgbeam.policies.recommendAgentPolicy("prj_1", "agt_7");
    expect(result.sufficient_history).toBe(false);
    expect(server.requests).toHaveLength(2);
  });

  test("per-call headers are added to that call only", async () => {
    const pgbeam = await clientAnswering(200, profile("pol_1"));
    await pgbeam.policies.getPolicyProfile("prj_1", "pol_1", { headers: { "x-trace": "abc" } });
    await pgbeam.policies.getPolicyProfile("prj_1", "pol_1");
    expect(server.requests[0]?.headers["x-trace"]).toBe("abc");
    expect(server.requests[1]?.headers["x-trace"]).toBeUndefined();
  });

  test("an empty id is refused before any request", async () => {
    const pgbeam = await clientAnswering(200, profile("pol_1"));
    await expect(pgbeam.policies.getPolicyProfile("", "pol_1")).rejects.toThrow(
      "projectId must be a non-empty string",
    );
    await expect(pgbeam.policies.deletePolicyProfile("prj_1", "")).rejects.toThrow(
      "policyId must be a non-empty string",
    );
    expect(server.requests).toHaveLength(0);
  });

  test("the raw client keeps the { data, error } style and shares the auth", async () => {
    const pgbeam = await clientAnswering(200, profile("pol_1"));
    const { data, error } = await pgbeam.raw.GET("/v1/projects/{project_id}/policies/{policy_id}", {
      params: { path: { project_id: "prj_1", policy_id: "pol_1" } },
    });
    expect(error).toBeUndefined();
    expect(data?.id).toBe("pol_1");
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
  });
});
