// Runs in Chromium: MSW's setupWorker with the emulator's handlers, called through our client.
import { createPolicyClient, NotFoundError } from "@pgbeam/policies-client";
import { setupWorker } from "msw/browser";
import { createPolicyMock } from "../../src/index.js";
import { mswHandlers } from "../../src/msw.js";

async function run(): Promise<unknown> {
  const mock = createPolicyMock();
  const worker = setupWorker(...mswHandlers(mock));
  await worker.start({ quiet: true, onUnhandledRequest: "error" });
  const { policies } = createPolicyClient({ apiKey: "pgb_browser", maxRetries: 0 });
  const project = "prj_browser";
  const created = await policies.createPolicyProfile(project, { name: "in-chromium" });
  const fetched = await policies.getPolicyProfile(project, created.id);
  const tagged = await policies.getPolicyProfileWithETag(project, created.id);
  const unchanged = await policies.getPolicyProfileWithETag(project, created.id, {
    ifNoneMatch: tagged.etag as string,
  });
  const names: string[] = [];
  for await (const profile of policies.listAllPolicyProfiles(project, { page_size: 1 }))
    names.push(profile.name);
  await policies.deletePolicyProfile(project, created.id);
  const gone = await policies.getPolicyProfile(project, created.id).catch((e: unknown) => e);
  const listen = await mock.listen().catch((e: Error) => e.message);
  worker.stop();
  return {
    sameProfile: JSON.stringify(fetched) === JSON.stringify(created),
    names,
    notFound: gone instanceof NotFoundError,
    problemCode: (gone as NotFoundError).code,
    requestId: typeof (gone as NotFoundError).requestId === "string",
    notModified: unchanged.notModified,
    stored: mock.profiles(project).length,
    listen,
  };
}

const target = globalThis as { pgbeamResult?: Promise<unknown> };
target.pgbeamResult = run().catch((error: Error) => ({ error: `${error.name}: ${error.message}` }));
