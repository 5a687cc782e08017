// Uses the package as published: the built ESM and CJS entry points from dist/.
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, test } from "vitest";
import { apiKey, profile } from "./helpers/fixtures.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

type Entry = typeof import("../src/index.js");
let server: TestServer;
beforeAll(async () => {
  server = await startServer((_, __, res) => json(res, 200, profile("pol_1")));
});
afterAll(() => server.close());

async function roundTrip(entry: Entry): Promise<void> {
  expect(typeof entry.createPolicyClient).toBe("function");
  expect(entry.specVersion.sha256).toMatch(/^[0-9a-f]{64}$/);
  const pgbeam = entry.createPolicyClient({ apiKey, baseUrl: server.url });
  expect((await pgbeam.policies.getPolicyProfile("prj_1", "pol_1")).id).toBe("pol_1");
  expect(
    new entry.NotFoundError({
      status: 404,
      code: "not_found",
      message: "x",
      requestId: undefined,
      headers: new Headers(),
      body: null,
    }),
  ).toBeInstanceOf(entry.PgBeamApiError);
}

test("import() of dist/index.js works and makes a call", async () => {
  await roundTrip((await import("../dist/index.js" as string)) as Entry);
});

test("require() of dist/index.cjs works and makes a call", async () => {
  await roundTrip(createRequire(import.meta.url)("../dist/index.cjs") as Entry);
});

test("errors from the ESM build are instances of the CJS build's classes, and back", async () => {
  const esm = (await import("../dist/index.js" as string)) as Entry;
  const cjs = createRequire(import.meta.url)("../dist/index.cjs") as Entry;
  const init = {
    status: 404,
    code: "not_found",
    message: "404 gone",
    requestId: undefined,
    headers: new Headers(),
    body: null,
  };
  for (const [from, to] of [
    [esm, cjs],
    [cjs, esm],
  ] as const) {
    const error = new from.NotFoundError(init);
    expect(error).toBeInstanceOf(to.NotFoundError);
    expect(error).toBeInstanceOf(to.PgBeamApiError);
    expect(error).toBeInstanceOf(to.PgBeamError);
    expect(error).not.toBeInstanceOf(to.ConflictError);
    expect(new from.PgBeamError("x")).not.toBeInstanceOf(to.PgBeamApiError);
  }
});
