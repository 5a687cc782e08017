import { createPolicyMock } from "@pgbeam/policies-mock";
import { afterAll, beforeAll, beforeEach } from "vitest";

/** The project every online test uses. */
export const project = "prj_8Kx2mQ4vLp";

/** The config file that points the CLI at {@link project}, for `workspace()`. */
export const config = { "pgbeam-policies.config.json": JSON.stringify({ project }) };

/**
 * A stateful emulator on loopback for this test file, reset before each test; `env()` is the
 * environment that points the CLI at it.
 */
export function useMock() {
  const mock = createPolicyMock({ apiKey: "pgb_cli" });
  let env: Record<string, string> = {};
  beforeAll(async () => {
    env = { PGBEAM_API_KEY: "pgb_cli", PGBEAM_BASE_URL: await mock.listen() };
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());
  return {
    mock,
    env: () => env,
    /** The project's stored profile of that name, if any. */
    stored: (name: string) => mock.profiles(project).find((p) => p.name === name),
    /** The names of the project's stored profiles, sorted. */
    storedNames: () =>
      mock
        .profiles(project)
        .map((p) => p.name)
        .sort(),
  };
}
