// Injected faults, and the client's retry safety that rests on Idempotency-Key.
import { PgBeamConnectionError, RateLimitError } from "@pgbeam/policies-client";
import { describe, expect, test } from "vitest";
import { createPolicyMock } from "../src/index.js";
import { apiKey, clientFor } from "./helpers.js";

const project = "prj_faults";

describe("faults and idempotency", () => {
  test("a create whose answer is lost is retried under the same key and stored once", async () => {
    const mock = createPolicyMock();
    const { policies } = clientFor(mock, { maxRetries: 2 });
    mock.faults.next("createPolicyProfile", { when: "after", reset: true });
    mock.faults.next("createPolicyProfile", { when: "after", status: 503 });
    const created = await policies.createPolicyProfile(project, { name: "once" });
    expect(mock.profiles(project)).toEqual([created]);
    expect(mock.faults.pending()).toBe(0);
  });

  test("the same key with the same body replays the first 201; with another body it is refused", async () => {
    const mock = createPolicyMock();
    const { policies } = clientFor(mock);
    const key = "idem-1";
    const first = await policies.createPolicyProfile(
      project,
      { name: "a", max_rows: 5 },
      { idempotencyKey: key },
    );
    const again = await policies.createPolicyProfile(
      project,
      { max_rows: 5, name: "a" },
      { idempotencyKey: key },
    );
    expect(again).toEqual(first);
    await expect(
      policies.createPolicyProfile(project, { name: "b" }, { idempotencyKey: key }),
    ).rejects.toMatchObject({
      status: 409,
      code: "IDEMPOTENCY_KEY_REUSED",
    });
    expect(mock.profiles(project)).toHaveLength(1);
  });

  test("a 429 with Retry-After is honoured, then the call succeeds", async () => {
    const mock = createPolicyMock();
    mock.seed(project, [{ name: "r" }]);
    const { policies } = clientFor(mock, { maxRetries: 1 });
    mock.faults.next("listPolicyProfiles", { status: 429, retryAfter: 0 });
    expect((await policies.listPolicyProfiles(project)).policies).toHaveLength(1);
    mock.faults.next("listPolicyProfiles", { status: 429, retryAfter: 7 });
    const noRetry = clientFor(mock).policies;
    const error = await noRetry.listPolicyProfiles(project).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
  });

  test("a dropped connection is a connection error; a delay is cut short by the caller's abort", async () => {
    const mock = createPolicyMock();
    const { policies } = clientFor(mock);
    mock.faults.next("listPolicyProfiles", { reset: true });
    await expect(policies.listPolicyProfiles(project)).rejects.toBeInstanceOf(
      PgBeamConnectionError,
    );
    mock.faults.next("listPolicyProfiles", { delayMs: 60_000 });
    const started = Date.now();
    await expect(
      policies.listPolicyProfiles(project, {}, { signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test("a fault can carry its own code and message, and faults apply in order", async () => {
    const mock = createPolicyMock();
    mock.faults.next("listPolicyProfiles", {
      status: 403,
      code: "FORBIDDEN",
      message: "Your role cannot list profiles.",
    });
    mock.faults.next("listPolicyProfiles", { status: 500 });
    const headers = { authorization: `Bearer ${apiKey}` };
    const url = `https://api.pgbeam.com/v1/projects/${project}/policies`;
    const first = await mock.fetch(url, { headers });
    expect(first.status).toBe(403);
    expect(await first.json()).toMatchObject({
      type: "https://pgbeam.com/docs/api/errors/forbidden",
      status: 403,
      code: "FORBIDDEN",
      detail: "Your role cannot list profiles.",
      instance: `/v1/projects/${project}/policies`,
      request_id: first.headers.get("x-request-id"),
    });
    const second = await mock.fetch(url, { headers });
    expect([second.status, (await second.json()).code]).toEqual([500, "INTERNAL_ERROR"]);
    expect((await mock.fetch(url, { headers })).status).toBe(200);
  });

  test("faults with the 0.3.5 statuses stay spec-true (the middleware checks every answer)", async () => {
    const mock = createPolicyMock();
    const [saved] = mock.seed(project, [{ name: "target" }]);
    const id = saved?.id as string;
    const { policies } = clientFor(mock);
    mock.faults.next("updatePolicyProfile", { status: 412 });
    const current = await policies.getPolicyProfileWithETag(project, id);
    await expect(
      policies.updatePolicyProfile(project, id, { name: "target" }),
    ).rejects.toMatchObject({ status: 412, code: "PRECONDITION_FAILED", etag: current.etag });
    mock.faults.next("createPolicyProfile", { status: 413 });
    await expect(policies.createPolicyProfile(project, { name: "x" })).rejects.toMatchObject({
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
    });
    mock.faults.next("dryEvalPolicy", { status: 415 });
    await expect(
      policies.dryEvalPolicy(project, { sql: "SELECT 1", policy_id: id }),
    ).rejects.toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
    mock.faults.next("getPolicyProfile", { status: 500 });
    await expect(policies.getPolicyProfile(project, id)).rejects.toMatchObject({
      status: 500,
      code: "INTERNAL_ERROR",
    });
    mock.faults.next("deletePolicyProfile", { status: 409 });
    await expect(policies.deletePolicyProfile(project, id)).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    mock.faults.next("listPolicyProfiles", { status: 429 });
    const limited = await mock.fetch(`https://api.pgbeam.com/v1/projects/${project}/policies`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "1"]);
  });
});
