// plan --replay: what each update does to the recorded traffic of the credentials it governs.
import { describe, expect, test } from "vitest";
import { cli, workspace } from "./helpers.js";
import { config, project, useMock } from "./mock-env.js";

const { mock, env } = useMock();

/** A project whose `support` profile is bound to one credential that deleted tickets. */
function seedTraffic() {
  const [support] = mock.seed(project, [
    { name: "support", access_mode: "read_write", table_allowlist: ["public.tickets"] },
  ]);
  mock.attach(project, support?.id as string, "cred_support");
  mock.record(project, [
    ...Array.from({ length: 3 }, () => ({
      sql: "DELETE FROM public.tickets WHERE id = 7",
      credential_id: "cred_support",
    })),
    { sql: "SELECT id FROM public.tickets", credential_id: "cred_support" },
    { sql: "DROP TABLE public.tickets", credential_id: "cred_other" },
  ]);
  return support?.id as string;
}

const readOnly = {
  ...config,
  "support.yaml": "access_mode: read_only\ntable_allowlist: [public.tickets]\n",
};

describe("plan --replay", () => {
  test("shows the newly blocked statements of recorded traffic, most frequent first", async () => {
    seedTraffic();
    const run = await cli(workspace(readOnly), ["plan", "--replay"], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "~ replay  support: 2 recorded queries from the 1 credential bound to it; 1 newly blocked, 0 newly allowed",
    );
    expect(run.stdout).not.toContain("DROP TABLE");
    expect(run.stdout).toMatch(
      / {4}newly blocked ×3 {2}DELETE FROM public\.tickets WHERE id = \$1 {2}\(read_only: /,
    );
  });

  test("--fail-on-newly-blocked exits 1 and names the profile; --json carries the replays", async () => {
    seedTraffic();
    const cwd = workspace(readOnly);
    const failed = await cli(cwd, ["plan", "--fail-on-newly-blocked", "--detailed-exitcode"], {
      env: env(),
    });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      "--fail-on-newly-blocked: support would block statements that its credentials ran.",
    );
    const json = JSON.parse((await cli(cwd, ["plan", "--json"], { env: env() })).stdout);
    expect(json.replays[0]).toMatchObject({ name: "support", summary: { newly_blocked: 1 } });
    expect(json.replays[0].newly_blocked[0].sql).toContain("DELETE FROM public.tickets");
    const skipped = JSON.parse(
      (await cli(cwd, ["plan", "--json", "--no-replay"], { env: env() })).stdout,
    );
    expect(skipped.replays).toBeUndefined();
    const contradiction = await cli(cwd, ["plan", "--fail-on-newly-blocked", "--no-replay"], {
      env: env(),
    });
    expect(contradiction).toMatchObject({ code: 1 });
    expect(contradiction.stderr).toContain("--fail-on-newly-blocked needs the replays");
  });

  test("a profile no credential is bound to: the replay proves nothing, and says so", async () => {
    mock.seed(project, [{ name: "support", access_mode: "read_write" }]);
    mock.record(project, [{ sql: "DELETE FROM t WHERE id = 1", credential_id: "cred_other" }]);
    const cwd = workspace({ ...config, "support.yaml": "access_mode: read_only\n" });
    const run = await cli(cwd, ["plan", "--replay"], { env: env() });
    expect(run.stdout).toContain("0 recorded queries from the 0 credentials bound to it");
    expect(run.stdout).toContain(
      "    warning: no credential is bound to support, so this replay proves nothing.",
    );
  });

  test("a change that blocks nothing passes --fail-on-newly-blocked", async () => {
    seedTraffic();
    const cwd = workspace({
      ...config,
      "support.yaml": "access_mode: read_write\ntable_allowlist: [public.tickets]\nmax_rows: 100\n",
    });
    const run = await cli(cwd, ["plan", "--fail-on-newly-blocked", "--detailed-exitcode"], {
      env: env(),
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("0 newly blocked, 0 newly allowed");
  });
});
