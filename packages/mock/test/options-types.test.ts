// Under exactOptionalPropertyTypes (this repo's tsconfig), every option accepts `undefined`, as the
// client's do: `createPolicyMock({ apiKey: process.env.X })` type-checks and behaves as no option.
import { describe, expect, expectTypeOf, test } from "vitest";
import { type MswHandlerOptions, mswHandlers } from "../src/msw.js";
import { type CreatePolicyMockOptions, createPolicyMock } from "../src/node.js";

describe("createPolicyMock's options", () => {
  test("each one accepts undefined", () => {
    const everyOneUndefined: Required<{ [K in keyof CreatePolicyMockOptions]: undefined }> = {
      apiKey: undefined,
      projects: undefined,
      autoCreateProjects: undefined,
      now: undefined,
      engine: undefined,
      onRequest: undefined,
      baseUrl: undefined,
      corsOrigins: undefined,
    };
    expectTypeOf(everyOneUndefined).toExtend<CreatePolicyMockOptions>();
    expectTypeOf<{ baseUrl: undefined }>().toExtend<MswHandlerOptions>();
  });

  test("an apiKey from an unset environment variable accepts any token, as no option does", async () => {
    const environment: Record<string, string | undefined> = {};
    const mock = createPolicyMock({ apiKey: environment.PGBEAM_API_KEY });
    expect(mswHandlers(mock, { baseUrl: undefined }).length).toBeGreaterThan(0);
    const response = await mock.fetch("https://api.pgbeam.com/v1/projects/prj_1/policies", {
      headers: { authorization: "Bearer pgb_any" },
    });
    expect(response.status).toBe(200);
  });
});
