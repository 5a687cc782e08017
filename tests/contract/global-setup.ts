import type { TestProject } from "vitest/node";
import { startMock } from "../mock/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the server under test: the Prism mock, or PGBEAM_BASE_URL. */
    baseUrl: string;
    /** Bearer token sent by the suite. */
    apiKey: string;
    /** True when the suite runs against the Prism mock (so `Prefer` headers work). */
    usingMock: boolean;
  }
}

/** Starts one Prism mock for the whole run, unless PGBEAM_BASE_URL points at a real server. */
export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const realServer = process.env.PGBEAM_BASE_URL;
  project.provide("apiKey", process.env.PGBEAM_API_KEY ?? "pgb_contract_test_key");
  if (realServer) {
    project.provide("baseUrl", realServer);
    project.provide("usingMock", false);
    return undefined;
  }
  const mock = await startMock();
  project.provide("baseUrl", mock.url);
  project.provide("usingMock", true);
  return () => mock.stop();
}
