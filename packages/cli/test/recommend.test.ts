// recommend: the tightest profile for what an agent ran, written with its notes and its proof.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env } = useMock();
const agent = "agt_support";

/** Enough recorded history for a recommendation: reads of two tables, no writes. */
function recordHistory() {
  mock.record(
    project,
    Array.from({ length: 12 }, (_, i) => ({
      sql:
        i % 2 === 0
          ? `SELECT id, subject FROM public.tickets WHERE id = ${i}`
          : "SELECT name FROM public.customers",
      credential_id: agent,
      rows_returned: 3,
    })),
  );
}

describe("recommend", () => {
  test("writes the candidate with its notes as comments and a test file; both pass test and validate", async () => {
    recordHistory();
    const cwd = workspace(config);
    const run = await cli(cwd, ["recommend", "--agent", agent, "--lookback-days", "7"], {
      env: env(),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`+ policies/${agent}-recommended.yaml`);
    expect(run.stdout).toContain(`+ policies/${agent}-recommended.test.yaml`);
    expect(run.stdout).toMatch(
      /~ replay {2}agt_support-recommended: \d+ recorded quer(y|ies) from agt_support over the same window; 0 newly blocked/,
    );
    const text = readFileSync(join(cwd, `policies/${agent}-recommended.yaml`), "utf8");
    expect(text).toMatch(/^# Recommended by PgBeam for agt_support from 2 query shapes/);
    expect(text).toContain("access_mode: read_only");
    expect(await cli(cwd, ["validate"])).toMatchObject({ code: 0 });
    const tested = await cli(cwd, ["test"]);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toContain("2 passed, 0 failed");
  });

  test("never overwrites without --force; --name picks the file", async () => {
    recordHistory();
    const cwd = workspace(config);
    await cli(cwd, ["recommend", "--agent", agent], { env: env() });
    const again = await cli(cwd, ["recommend", "--agent", agent], { env: env() });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("exists: pass --force to overwrite them");
    expect((await cli(cwd, ["recommend", "--agent", agent, "--force"], { env: env() })).code).toBe(
      0,
    );
    expect(
      (await cli(cwd, ["recommend", "--agent", agent, "--name", "support"], { env: env() })).code,
    ).toBe(0);
    expect(readdirSync(join(cwd, "policies")).sort()).toEqual([
      `${agent}-recommended.test.yaml`,
      `${agent}-recommended.yaml`,
      "support.test.yaml",
      "support.yaml",
    ]);
  });

  test("too little history, or a bad flag, exits 1 and writes nothing", async () => {
    const cwd = workspace(config);
    const thin = await cli(cwd, ["recommend", "--agent", agent], { env: env() });
    expect(thin.code).toBe(1);
    expect(thin.stdout).toContain("No recommendation: agt_support ran 0 parseable statements");
    const days = await cli(cwd, ["recommend", "--agent", agent, "--lookback-days", "0"], {
      env: env(),
    });
    expect(days).toMatchObject({ code: 1 });
    expect(days.stderr).toContain("--lookback-days: lookback_days must be at least 1");
    const id = await cli(cwd, ["recommend", "--agent", "agt/../x"], { env: env() });
    expect(id.stderr).toContain("--agent: agent_id must match");
    expect(readdirSync(join(cwd, "policies"))).toEqual([]);
  });
});
