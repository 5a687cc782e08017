import { specOperations } from "@pgbeam/spec-testing";
import { describe, expect, inject, test } from "vitest";
import { filledPath } from "./clients.js";

const baseUrl = inject("baseUrl");
const apiKey = inject("apiKey");

async function send(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

describe.runIf(inject("usingMock"))("the Prism mock serves the spec", () => {
  test("the spec has the 8 Policies operations and the 5 approval-rule operations", () => {
    expect(specOperations.map((op) => op.operationId).sort()).toEqual([
      "createApprovalRule",
      "createPolicyProfile",
      "deleteApprovalRule",
      "deletePolicyProfile",
      "dryEvalPolicy",
      "getApprovalRule",
      "getPolicyProfile",
      "listApprovalRules",
      "listPolicyProfiles",
      "recommendAgentPolicy",
      "replayPolicy",
      "updateApprovalRule",
      "updatePolicyProfile",
    ]);
  });

  for (const op of specOperations) {
    for (const status of op.statuses) {
      test(`${op.operationId} answers ${status} when asked for it`, async () => {
        const res = await send(op.method, filledPath(op.path), op.requestExample, {
          prefer: `code=${status}`,
        });
        expect(res.status).toBe(status);
        if (status >= 400) {
          expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({
            type: expect.stringMatching(/^https:\/\//),
            title: expect.any(String),
            status,
            code: expect.any(String),
          });
          expect(res.headers.get("x-request-id")).toBe(
            (res.body as { request_id: string }).request_id,
          );
        }
        if (status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        if (status === 204 || status === 304) expect(res.body).toBeUndefined();
        const tagged = status === 304 || status === 412 || (status === 200 && op.method === "GET");
        expect(res.headers.has("etag")).toBe(tagged);
      });
    }
  }

  const bodyOperations = specOperations.filter((op) => op.requestExample !== undefined);

  test("the seven operations with a body are the ones expected", () => {
    expect(bodyOperations.map((op) => op.operationId).sort()).toEqual([
      "createApprovalRule",
      "createPolicyProfile",
      "dryEvalPolicy",
      "recommendAgentPolicy",
      "replayPolicy",
      "updateApprovalRule",
      "updatePolicyProfile",
    ]);
  });

  test("recommendAgentPolicy's body is optional", async () => {
    const path = filledPath("/v1/projects/{project_id}/agents/{agent_id}/policy-recommendation");
    const res = await fetch(new URL(path, baseUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sufficient_history: true });
  });

  for (const op of bodyOperations) {
    test(`${op.operationId} accepts its own example and refuses a broken body`, async () => {
      expect((await send(op.method, filledPath(op.path), op.requestExample)).status).toBeLessThan(
        300,
      );
      const broken = structuredClone(op.requestExample) as Record<string, unknown>;
      let field: string;
      if ("policy_id" in broken) {
        broken.policy_id = 42;
        field = "policy_id";
      } else if ("lookback_days" in broken) {
        broken.lookback_days = 0;
        field = "lookback_days";
      } else if ("statement_kinds" in broken) {
        // A rule cannot hold a read: the kinds are a closed set of four.
        broken.statement_kinds = ["select"];
        field = "statement_kinds";
      } else {
        ((broken.policy ?? broken) as Record<string, unknown>).access_mode = "read_mostly";
        field = "access_mode";
      }
      const res = await send(op.method, filledPath(op.path), broken);
      expect(res.status).toBe(400);
      expect(res.headers.get("sl-violations")).toContain(field);
    });
  }

  test.each([
    ["neither", { sql: "select 1" }],
    ["both", { sql: "select 1", policy_id: "pol_3fGh7TnQ2w", policy: { name: "draft" } }],
  ])("dryEvalPolicy refuses %s of policy_id and policy", async (_, body) => {
    const res = await send(
      "POST",
      filledPath("/v1/projects/{project_id}/policy-evaluations"),
      body,
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("sl-violations")).toContain("oneOf");
  });

  test("a project_id outside its pattern and a page_size over 100 are refused", async () => {
    expect((await send("GET", "/v1/projects/prj%20bad/policies", undefined)).status).toBe(400);
    expect(
      (await send("GET", filledPath("/v1/projects/{project_id}/policies?page_size=101"), undefined))
        .status,
    ).toBe(400);
  });

  test("a request without credentials is refused with 401", async () => {
    const res = await fetch(new URL(filledPath("/v1/projects/{project_id}/policies"), baseUrl));
    expect(res.status).toBe(401);
  });
});
