// Conditional requests: ETags on reads, 304 as a result, If-Match on update, and the
// read-modify-write helper, against a real loopback server that implements them.
import { afterEach, describe, expect, expectTypeOf, test } from "vitest";
import {
  createPolicyClient,
  type NotModified,
  PgBeamArgumentError,
  PgBeamConcurrentUpdateError,
  PgBeamResponseError,
  type PolicyProfile,
  PreconditionFailedError,
  type Tagged,
} from "../src/index.js";
import { type ETagServer, startETagServer } from "./helpers/etag-server.js";
import { apiKey } from "./helpers/fixtures.js";

let server: ETagServer;
afterEach(() => server.close());

async function client(readDelayMs = 0) {
  server = await startETagServer(readDelayMs);
  return createPolicyClient({ apiKey, baseUrl: server.url }).policies;
}

describe("reads with their ETag", () => {
  test("getPolicyProfileWithETag returns the data and the tag", async () => {
    const policies = await client();
    const read = await policies.getPolicyProfileWithETag("prj_1", "pol_1");
    expectTypeOf(read).toEqualTypeOf<Tagged<PolicyProfile>>();
    expect(read).toEqual({ notModified: false, data: server.current(), etag: '"v1"' });
  });

  test("with a current ifNoneMatch: a typed NotModified, not an error, and no body", async () => {
    const policies = await client();
    const read = await policies.getPolicyProfileWithETag("prj_1", "pol_1", { ifNoneMatch: '"v1"' });
    expectTypeOf(read).toEqualTypeOf<Tagged<PolicyProfile> | NotModified>();
    expect(read).toEqual({ notModified: true, data: undefined, etag: '"v1"' });
    expect(server.requests[0]?.headers["if-none-match"]).toBe('"v1"');
  });

  test("with a stale ifNoneMatch: the new data and tag", async () => {
    const policies = await client();
    await policies.updatePolicyProfile("prj_1", "pol_1", { name: "renamed" });
    const read = await policies.getPolicyProfileWithETag("prj_1", "pol_1", { ifNoneMatch: '"v1"' });
    expect(read.notModified).toBe(false);
    if (!read.notModified) expect(read.data.name).toBe("renamed");
    expect(read.etag).toBe('"v2"');
  });

  test("a cache loop: the second read of an unchanged profile is a 304", async () => {
    const policies = await client();
    let cached = await policies.getPolicyProfileWithETag("prj_1", "pol_1");
    const again = await policies.getPolicyProfileWithETag("prj_1", "pol_1", {
      ifNoneMatch: cached.etag,
    });
    if (!again.notModified) cached = again;
    expect(again.notModified).toBe(true);
    expect(cached.data.name).toBe("shared");
  });

  test("listPolicyProfilesWithETag works the same way", async () => {
    const policies = await client();
    const page = await policies.listPolicyProfilesWithETag("prj_1");
    expect(page.data.policies).toHaveLength(1);
    const again = await policies.listPolicyProfilesWithETag(
      "prj_1",
      {},
      { ifNoneMatch: page.etag ?? "" },
    );
    expect(again).toEqual({ notModified: true, data: undefined, etag: page.etag });
  });

  test("a 304 to a plain read is a clear PgBeamResponseError, not a redirect error", async () => {
    const policies = await client();
    const error = await policies
      .getPolicyProfile("prj_1", "pol_1", { headers: { "If-None-Match": '"v1"' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgBeamResponseError);
    expect((error as Error).message).toContain("pass ifNoneMatch to the read");
  });

  test("an ifNoneMatch a header cannot carry is refused before sending", async () => {
    const policies = await client();
    await expect(
      policies.getPolicyProfileWithETag("prj_1", "pol_1", { ifNoneMatch: '"v1"\r\nX: y' }),
    ).rejects.toBeInstanceOf(PgBeamArgumentError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("updatePolicyProfile with ifMatch", () => {
  test("a current tag: the update happens", async () => {
    const policies = await client();
    const { etag } = await policies.getPolicyProfileWithETag("prj_1", "pol_1");
    const updated = await policies.updatePolicyProfile(
      "prj_1",
      "pol_1",
      { name: "next" },
      { ifMatch: etag },
    );
    expect(updated.name).toBe("next");
    expect(server.requests[1]?.headers["if-match"]).toBe('"v1"');
  });

  test("a stale tag: PreconditionFailedError with the current ETag, nothing changed", async () => {
    const policies = await client();
    await policies.updatePolicyProfile("prj_1", "pol_1", { name: "other writer" });
    const error = await policies
      .updatePolicyProfile("prj_1", "pol_1", { name: "mine" }, { ifMatch: '"v1"' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error).toMatchObject({ status: 412, code: "PRECONDITION_FAILED", etag: '"v2"' });
    expect(server.current().name).toBe("other writer");
  });
});

describe("modifyPolicyProfile", () => {
  test("two concurrent writers: no update is lost", async () => {
    const policies = await client(5);
    const rounds = 8;
    const writer = async () => {
      for (let i = 0; i < rounds; i++) {
        await policies.modifyPolicyProfile(
          "prj_1",
          "pol_1",
          (current) => ({ ...current, max_rows: (current.max_rows ?? 0) + 1 }),
          { maxAttempts: 50 },
        );
      }
    };
    await Promise.all([writer(), writer()]);
    expect(server.current().max_rows).toBe(2 * rounds);
    // The writers did collide, and the collisions were resolved by re-reading.
    expect(server.refused()).toBeGreaterThan(0);
  });

  test("the same two writers without If-Match lose updates", async () => {
    const policies = await client(5);
    const writer = async () => {
      for (let i = 0; i < 8; i++) {
        const current = await policies.getPolicyProfile("prj_1", "pol_1");
        await policies.updatePolicyProfile("prj_1", "pol_1", {
          ...current,
          max_rows: (current.max_rows ?? 0) + 1,
        });
      }
    };
    await Promise.all([writer(), writer()]);
    expect(server.current().max_rows).toBeLessThan(16);
  });

  test("change returning undefined writes nothing", async () => {
    const policies = await client();
    const result = await policies.modifyPolicyProfile("prj_1", "pol_1", () => undefined);
    expect(result.name).toBe("shared");
    expect(server.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  test("a profile that changes under every attempt: a clear error after maxAttempts", async () => {
    const policies = await client();
    const other = createPolicyClient({ apiKey, baseUrl: server.url }).policies;
    const error = await policies
      .modifyPolicyProfile(
        "prj_1",
        "pol_1",
        async (current) => {
          // Someone else writes between every read and write.
          await other.updatePolicyProfile("prj_1", "pol_1", { name: "interloper" });
          return { ...current, max_rows: 1 };
        },
        { maxAttempts: 3 },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgBeamConcurrentUpdateError);
    expect(error).toMatchObject({ attempts: 3 });
    expect((error as Error).message).toBe(
      "Profile pol_1 changed under every one of 3 read-modify-write attempts (412 each time); raise maxAttempts or retry later.",
    );
    expect((error as Error).cause).toBeInstanceOf(PreconditionFailedError);
    expect(server.refused()).toBe(3);
  });

  test("maxAttempts is checked", async () => {
    const policies = await client();
    await expect(
      policies.modifyPolicyProfile("prj_1", "pol_1", (c) => c, { maxAttempts: 0 }),
    ).rejects.toMatchObject({ argument: "maxAttempts" });
  });
});
