// The client's opt-in refreshTokenOn401 against the emulator: the emulator accepts only the new
// token, so the call succeeds only if the client asked for it and sent the call again.
import { createPolicyClient } from "@pgbeam/policies-client";
import { createPolicyMock } from "@pgbeam/policies-mock";
import { exampleOf } from "@pgbeam/spec-testing";
import { describe, expect, test } from "vitest";
import { ids } from "./clients.js";

const rotated = "pgb_contract_rotated_key_2";
const expired = "pgb_contract_expired_key_1";

describe("refreshTokenOn401 against @pgbeam/policies-mock", () => {
  test("an expired token gets 401, the token function refreshes it, the call goes through once more", async () => {
    const mock = createPolicyMock({ apiKey: rotated });
    const seeded = { ...exampleOf("PolicyProfile"), id: ids.policyId, project_id: ids.projectId };
    mock.seed(ids.projectId, [seeded as Parameters<typeof mock.seed>[1][number]]);
    const calls: boolean[] = [];
    const client = createPolicyClient({
      baseUrl: "https://api.pgbeam.com",
      fetch: (request) => mock.fetch(request),
      refreshTokenOn401: true,
      token: ({ refresh }) => {
        calls.push(refresh);
        return refresh ? rotated : expired;
      },
    });
    const { data, response } = await client.policies
      .getPolicyProfile(ids.projectId, ids.policyId)
      .withResponse();
    expect(data.id).toBe(ids.policyId);
    expect(response.status).toBe(200);
    expect(calls).toEqual([false, true]);
  });

  test("without the option the 401 is the answer", async () => {
    const mock = createPolicyMock({ apiKey: rotated });
    const client = createPolicyClient({
      baseUrl: "https://api.pgbeam.com",
      fetch: (request) => mock.fetch(request),
      token: () => expired,
    });
    await expect(client.policies.listPolicyProfiles(ids.projectId)).rejects.toMatchObject({
      status: 401,
      code: "UNAUTHORIZED",
    });
  });
});
