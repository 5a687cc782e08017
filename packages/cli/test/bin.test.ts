// End to end through the real bin against the emulator's own bin, both as child processes.
import { describe, expect, test } from "vitest";
import { useMockBin } from "./bin-env.js";
import { workspace } from "./helpers.js";

const project = "prj_8Kx2mQ4vLp";
/** A project whose live profile has a credential bound to it, with that credential's traffic. */
const replayed = "prj_replayed";
const tickets = { access_mode: "read_write", table_allowlist: ["public.tickets"] };

const { bin } = useMockBin({
  projects: {
    [project]: [{ name: "support", max_rows: 10 }],
    [replayed]: [{ name: "support", ...tickets }],
  },
  traffic: {
    [replayed]: [
      { sql: "DELETE FROM public.tickets WHERE id = 7", credential_id: "agt_support" },
      { sql: "SELECT id FROM public.tickets", credential_id: "agt_support" },
    ],
  },
  attachments: { [replayed]: { support: ["agt_support"] } },
});

describe("the bin against the emulator's bin", () => {
  test("a concurrent edit between plan and apply is refused with nothing overwritten", async () => {
    const cwd = workspace({
      "pgbeam-policies.config.json": JSON.stringify({ project }),
      "support.yaml": "max_rows: 20\n",
    });
    expect((await bin(cwd, ["plan", "--detailed-exitcode", "-out", "reviewed.plan"])).code).toBe(2);
    const other = workspace({
      "pgbeam-policies.config.json": JSON.stringify({ project }),
      "support.yaml": "max_rows: 30\n",
    });
    expect((await bin(other, ["apply", "--yes"])).code).toBe(0);
    const stale = await bin(cwd, ["apply", "reviewed.plan", "--yes"]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/✗ support \(pol_\w+\) was changed after the plan/);
    expect(stale.stderr).toContain("nothing applied; run plan again");
    const now = await bin(other, ["plan", "--detailed-exitcode"]);
    expect(now).toMatchObject({ code: 0 });

    expect((await bin(cwd, ["plan", "-out", "reviewed.plan"])).code).toBe(0);
    const applied = await bin(cwd, ["apply", "reviewed.plan", "--yes"]);
    expect(applied).toMatchObject({ code: 0 });
    expect(applied.stdout).toContain("Applied 1 change.");
    expect((await bin(cwd, ["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  test("plan --replay --fail-on-newly-blocked exits 1 when an update blocks a bound credential's traffic", async () => {
    const cwd = workspace({
      "pgbeam-policies.config.json": JSON.stringify({ project: replayed }),
      "support.yaml": "access_mode: read_only\ntable_allowlist: [public.tickets]\n",
    });
    const blocked = await bin(cwd, ["plan", "--replay", "--fail-on-newly-blocked"]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).not.toContain("no credential is bound");
    expect(blocked.stdout).toContain("from the 1 credential bound to it; 1 newly blocked");
    expect(blocked.stdout).toContain("newly blocked ×1  DELETE FROM public.tickets WHERE id = $1");
    expect(blocked.stdout).toContain(
      "--fail-on-newly-blocked: support would block statements that its credentials ran.",
    );
    const same = workspace({
      "pgbeam-policies.config.json": JSON.stringify({ project: replayed }),
      "support.yaml": "access_mode: read_write\ntable_allowlist: [public.tickets]\nmax_rows: 50\n",
    });
    expect(await bin(same, ["plan", "--replay", "--fail-on-newly-blocked"])).toMatchObject({
      code: 0,
    });
  });
});
