// One state, three ways in: in-process fetch, a real HTTP server, and MSW handlers.
import { createPolicyClient } from "@pgbeam/policies-client";
import { setupServer } from "msw/node";
import { afterAll, describe, expect, test } from "vitest";
import { mswHandlers } from "../src/msw.js";
import { createPolicyMock } from "../src/node.js";
import { apiKey, clientFor } from "./helpers.js";

const project = "prj_transports";
const mock = createPolicyMock();

afterAll(() => mock.close());

describe("transports share one state", () => {
  test("a profile created in-process is read over loopback HTTP and through MSW", async () => {
    const created = await clientFor(mock).policies.createPolicyProfile(project, { name: "shared" });

    const url = await mock.listen();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const overHttp = clientFor(mock, { baseUrl: url });
    expect(await overHttp.policies.getPolicyProfile(project, created.id)).toEqual(created);

    const server = setupServer(...mswHandlers(mock));
    server.listen({ onUnhandledRequest: "error" });
    try {
      const throughMsw = createPolicyClient({ apiKey, maxRetries: 0 });
      expect(await throughMsw.policies.getPolicyProfile(project, created.id)).toEqual(created);
      await throughMsw.policies.deletePolicyProfile(project, created.id);
    } finally {
      server.close();
    }
    await expect(overHttp.policies.getPolicyProfile(project, created.id)).rejects.toMatchObject({
      status: 404,
    });
  });

  test("over HTTP a dropped connection is retried by the client and a create stored once", async () => {
    const url = await mock.listen();
    const client = clientFor(mock, { baseUrl: url, maxRetries: 2 });
    mock.faults.next("createPolicyProfile", { when: "after", reset: true });
    const created = await client.policies.createPolicyProfile(project, { name: "http-once" });
    expect(mock.profiles(project).filter((p) => p.name === "http-once")).toEqual([created]);
  });

  test("every way in answers the same problem document, with its X-Request-Id", async () => {
    const url = await mock.listen();
    const path = `/v1/projects/${project}/policies/pol_missing`;
    const headers = { authorization: `Bearer ${apiKey}` };
    const server = setupServer(...mswHandlers(mock));
    server.listen({ onUnhandledRequest: "bypass" });
    try {
      for (const response of [
        await mock.fetch(`https://api.pgbeam.com${path}`, { headers }),
        await fetch(`${url}${path}`, { headers }),
        await fetch(`https://api.pgbeam.com${path}`, { headers }),
      ]) {
        expect(response.status).toBe(404);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        expect(await response.json()).toEqual({
          type: "https://pgbeam.com/docs/api/errors/not-found",
          title: "Not found",
          status: 404,
          code: "NOT_FOUND",
          detail: "Policy profile pol_missing was not found.",
          instance: path,
          request_id: response.headers.get("x-request-id"),
        });
      }
    } finally {
      server.close();
    }
  });

  test("close() stops the server; listen() again starts a new one", async () => {
    const first = await mock.listen();
    await mock.close();
    expect(mock.url).toBeUndefined();
    await expect(fetch(`${first}/v1/projects/${project}/policies`)).rejects.toThrow();
    const second = await mock.listen();
    expect(mock.url).toBe(second);
  });
});
