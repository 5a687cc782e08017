// What a consumer's CI would assert: state that Prism cannot keep.
import { BadRequestError, NotFoundError } from "@pgbeam/policies-client";
import { errorCodesByOperation } from "@pgbeam/policies-validators";
import { beforeEach, describe, expect, test } from "vitest";
import { createPolicyMock } from "../src/index.js";
import { clientFor } from "./helpers.js";

const project = "prj_8Kx2mQ4vLp";
const mock = createPolicyMock();
const client = clientFor(mock);
const { policies } = client;

beforeEach(() => mock.reset());

describe("stateful scenarios", () => {
  test("create → list → get → update → dry-eval → delete → 404", async () => {
    const created = await policies.createPolicyProfile(project, {
      name: "analytics",
      table_allowlist: ["public.orders"],
      masking_rules: [{ table: "public.customers", column: "email", kind: "hash" }],
    });
    expect(created.id).toMatch(/^pol_[0-9A-Za-z]{10}$/);
    expect(created).toMatchObject({
      project_id: project,
      access_mode: "read_only",
      max_rows: 0,
      approval_timeout_seconds: 300,
      table_denylist: [],
    });
    expect(created.created_at).toBe(created.updated_at);

    const listed = await policies.listPolicyProfiles(project);
    expect(listed.policies).toEqual([created]);
    expect(listed.next_page_token).toBeUndefined();
    expect(await policies.getPolicyProfile(project, created.id)).toEqual(created);

    const updated = await policies.updatePolicyProfile(project, created.id, {
      name: "analytics",
      access_mode: "read_write",
    });
    expect(updated).toMatchObject({
      id: created.id,
      access_mode: "read_write",
      table_allowlist: [],
      masking_rules: [],
      created_at: created.created_at,
    });
    expect(updated).not.toHaveProperty("statement_rules");

    const verdict = await policies.dryEvalPolicy(project, {
      sql: "DELETE FROM orders WHERE id = 1",
      policy_id: created.id,
    });
    expect(verdict).toMatchObject({ verdict: "allow", rule: "ok" });
    const draft = await policies.dryEvalPolicy(project, {
      sql: "DELETE FROM orders WHERE id = 1",
      policy: { name: "draft" },
    });
    expect(draft).toMatchObject({ verdict: "block", rule: "read_only" });

    await policies.deletePolicyProfile(project, created.id);
    await expect(policies.getPolicyProfile(project, created.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(policies.deletePolicyProfile(project, created.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      policies.dryEvalPolicy(project, { sql: "SELECT 1", policy_id: created.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  test("a second profile with the same name is a 409; renaming onto a taken name a 400 (PUT documents no 409)", async () => {
    const first = await policies.createPolicyProfile(project, { name: "one" });
    await policies.createPolicyProfile(project, { name: "two" });
    await expect(policies.createPolicyProfile(project, { name: "one" })).rejects.toMatchObject({
      status: 409,
      code: "RESOURCE_EXISTS",
    });
    await expect(
      policies.updatePolicyProfile(project, first.id, { name: "two" }),
    ).rejects.toBeInstanceOf(BadRequestError);
    expect((await policies.updatePolicyProfile(project, first.id, { name: "one" })).name).toBe(
      "one",
    );
  });

  test("a profile attached to an agent credential cannot be deleted until detached", async () => {
    const created = await policies.createPolicyProfile(project, { name: "attached" });
    mock.attach(project, created.id, "cred_9wZr5YpK1d");
    await expect(policies.deletePolicyProfile(project, created.id)).rejects.toMatchObject({
      status: 409,
      code: errorCodesByOperation.deletePolicyProfile?.["409"]?.[0],
    });
    mock.detach(project, created.id, "cred_9wZr5YpK1d");
    await policies.deletePolicyProfile(project, created.id);
  });

  test("projects are separate", async () => {
    await policies.createPolicyProfile(project, { name: "same" });
    await policies.createPolicyProfile("prj_other", { name: "same" });
    expect(mock.profiles(project)).toHaveLength(1);
    expect(mock.profiles("prj_other")).toHaveLength(1);
  });

  test("with autoCreateProjects false an undeclared project is a 404", async () => {
    const strict = createPolicyMock({ projects: [project], autoCreateProjects: false });
    const strictClient = clientFor(strict).policies;
    await expect(strictClient.listPolicyProfiles("prj_unknown")).rejects.toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
    expect((await strictClient.listPolicyProfiles(project)).policies).toEqual([]);
  });

  test("snapshot and restore isolate tests", async () => {
    await policies.createPolicyProfile(project, { name: "kept" });
    const snapshot = mock.snapshot();
    await policies.createPolicyProfile(project, { name: "dropped" });
    mock.restore(snapshot);
    expect(mock.profiles(project).map((p) => p.name)).toEqual(["kept"]);
    await policies.createPolicyProfile(project, { name: "dropped" });
    mock.restore(snapshot);
    expect(mock.profiles(project).map((p) => p.name)).toEqual(["kept"]);
  });

  test("seed stores profiles as given, validated", () => {
    const [seeded] = mock.seed(project, [{ name: "seeded", max_rows: 5 }]);
    expect(seeded).toMatchObject({ name: "seeded", max_rows: 5, access_mode: "read_only" });
    expect(() => mock.seed(project, [{ name: "bad", access_mode: "readonly" } as never])).toThrow(
      /access_mode must be one of/,
    );
    expect(() => mock.seed(project, [{ name: "seeded" }])).toThrow(
      'seed(prj_8Kx2mQ4vLp)[0]: name "seeded" is taken: project prj_8Kx2mQ4vLp already has a profile by that name.',
    );
  });
});
