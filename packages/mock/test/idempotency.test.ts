// Idempotency-Key on create, as the spec describes it: the first settled answer is kept for the
// window on the mock's clock; 5xx, 408 and 429 never are; another body under the key is a 409.

import { serviceFacts } from "@pgbeam/policies-types";
import { describe, expect, test } from "vitest";
import { createPolicyMock } from "../src/index.js";
import { apiKey } from "./helpers.js";

const { idempotencyWindowMs } = serviceFacts;

const project = "prj_idem";
const url = `https://api.pgbeam.com/v1/projects/${project}/policies`;

function setup() {
  let nowMs = Date.parse("2026-12-01T00:00:00Z");
  const mock = createPolicyMock({ now: () => new Date(nowMs) });
  const create = async (key: string, body: unknown) => {
    const response = await mock.fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${apiKey}`,
        "content-type": "application/json",
        "idempotency-key": key,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json(), headers: response.headers };
  };
  return { mock, create, advance: (ms: number) => (nowMs += ms) };
}

describe("Idempotency-Key", () => {
  test("the first 201 comes back for the whole window, and the key is free after it", async () => {
    const { mock, create, advance } = setup();
    const first = await create("k1", { name: "a" });
    advance(idempotencyWindowMs - 1);
    const replayed = await create("k1", { name: "a" });
    expect([replayed.status, replayed.body]).toEqual([201, first.body]);
    expect(replayed.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect(mock.profiles(project)).toHaveLength(1);
    advance(1);
    const later = await create("k1", { name: "b" });
    expect([later.status, later.body.name]).toEqual([201, "b"]);
  });

  test("another body under the key is a 409 IDEMPOTENCY_KEY_REUSED, key order aside", async () => {
    const { create } = setup();
    await create("k2", { name: "a", max_rows: 5 });
    expect((await create("k2", { max_rows: 5, name: "a" })).status).toBe(201);
    const reused = await create("k2", { name: "a", max_rows: 6 });
    expect([reused.status, reused.body.code]).toEqual([409, "IDEMPOTENCY_KEY_REUSED"]);
  });

  test("a settled 4xx is kept: the same request answers the same 409 even once the name is free", async () => {
    const { mock, create } = setup();
    const [taken] = mock.seed(project, [{ name: "taken" }]);
    const refused = await create("k3", { name: "taken" });
    expect([refused.status, refused.body.code]).toEqual([409, "RESOURCE_EXISTS"]);
    await mock.fetch(`${url}/${taken?.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(await create("k3", { name: "taken" })).toMatchObject({
      status: 409,
      body: refused.body,
    });
    const invalid = await create("k4", { name: "" });
    expect(invalid.status).toBe(400);
    expect((await create("k4", { name: "" })).body).toEqual(invalid.body);
  });

  test("a 5xx, 408 or 429 is never kept: the next attempt with the key runs for real", async () => {
    const { mock, create } = setup();
    for (const status of [500, 503, 408, 429]) {
      mock.faults.next("createPolicyProfile", { status, when: "after" });
      const key = `k-${status}`;
      expect((await create(key, { name: `n${status}` })).status).toBe(status);
      // The create ran before the fault replaced its answer, so the retry finds the name taken
      // only if the 201 was not kept: it was, so the retry gets that 201 back.
      expect((await create(key, { name: `n${status}` })).status).toBe(201);
      mock.faults.next("createPolicyProfile", { status });
      const fresh = `f-${status}`;
      expect((await create(fresh, { name: `m${status}` })).status).toBe(status);
      expect((await create(fresh, { name: `m${status}` })).status).toBe(201);
    }
    expect(mock.profiles(project)).toHaveLength(8);
  });
});
