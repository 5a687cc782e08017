// A user's test file, written the way the mock's README says: the mock in-process, then the
// client's default base URL intercepted by MSW with the mock's handlers, failing closed.
import { createPolicyClient } from "@pgbeam/policies-client";
import { createPolicyMock } from "@pgbeam/policies-mock";
import { failOnUnhandledRequests, mswHandlers } from "@pgbeam/policies-mock/msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";

const mock = createPolicyMock();
const server = setupServer(...mswHandlers(mock));
beforeAll(() => server.listen(failOnUnhandledRequests));
afterAll(() => server.close());
beforeEach(() => mock.reset());

test("a retried create is stored once (in-process)", async () => {
  const pgbeam = createPolicyClient({ apiKey: "pgb_test", fetch: mock.fetch });
  mock.faults.next("createPolicyProfile", { when: "after", reset: true });
  const created = await pgbeam.policies.createPolicyProfile("prj_1", { name: "support" });
  expect(mock.profiles("prj_1")).toEqual([created]);
});

test("the client's default base URL is intercepted (MSW)", async () => {
  const pgbeam = createPolicyClient({ apiKey: "pgb_test" });
  const created = await pgbeam.policies.createPolicyProfile("prj_1", { name: "support" });
  expect(mock.profiles("prj_1")).toEqual([created]);
  await expect(fetch("https://example.com/not-ours")).rejects.toThrow();
});
