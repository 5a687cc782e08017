// The emulator's replayPolicy and the offline replay of what it exported agree item for item.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { replayAuditLogFile } from "@pgbeam/policies-engine/node";
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { afterAll, describe, expect, test } from "vitest";
import { createPolicyMock, type RecordedAuditEntry } from "../src/index.js";
import { clientFor } from "./helpers.js";

const project = "prj_differential";
const now = new Date("2026-11-26T12:00:00Z");
const folder = mkdtempSync(join(tmpdir(), "pgbeam-differential-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Corpus {
  profiles: Record<string, PolicyProfileInput>;
  cases: { sql: string }[];
}

// The engine's conformance corpora: a realistic mix of statements and profiles.
const corpora = ["engine-semantics.json", "pgbeam-v2.json"].map(
  (file) =>
    JSON.parse(
      readFileSync(new URL(`../../engine/test/conformance/${file}`, import.meta.url), "utf8"),
    ) as Corpus,
);
const statements = corpora.flatMap((corpus) => corpus.cases.map((c) => c.sql));
const profiles = corpora.flatMap((corpus) => Object.values(corpus.profiles));
const events = ["query", "query", "masked", "blocked", "truncated", "auth_failed"];
const credentials = ["agt_a", "agt_b", "agt_c", null];

/** Traffic over ten days: every statement several times, with changing constants and events. */
function traffic(): RecordedAuditEntry[] {
  const entries: RecordedAuditEntry[] = [];
  let step = 0;
  for (let round = 0; round < 4; round++)
    statements.forEach((sql, index) => {
      step += 1;
      entries.push({
        sql:
          round === 3 && index % 7 === 0
            ? `${sql.slice(0, 12)} (`
            : sql.replace(/\b1\b/, String(round + 1)),
        ts: new Date(
          now.getTime() - ((step * 7919) % ((10 * 86_400_000) / 1000)) * 1000,
        ).toISOString(),
        event: events[(index + round) % events.length] as string,
        credential_id: credentials[(index * 3 + round) % credentials.length] ?? null,
        ...(index % 5 === 0 ? { decision_rule: "read_only" } : {}),
      });
    });
  return entries;
}

describe("offline replay = emulator replayPolicy", () => {
  const mock = createPolicyMock({ now: () => now });
  mock.record(project, traffic());
  const [saved] = mock.seed(project, [{ name: "live", access_mode: "read_only" }]);
  mock.attach(project, saved?.id ?? "", "agt_b");
  mock.attach(project, saved?.id ?? "", "agt_c");
  const pgbeam = clientFor(mock);
  const file = join(folder, "traffic.jsonl");

  test("the emulator exports its traffic as JSON Lines, oldest first, with the service's derived fields", async () => {
    const text = await mock.exportTraffic(project);
    writeFileSync(file, text);
    const lines = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(traffic().length);
    expect(lines[0]).toMatchObject({ project_id: project });
    expect(lines.filter((line) => line.query_hash !== undefined).length).toBeGreaterThan(100);
    const times = lines.map((line) => Date.parse(line.ts));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  const cases = [
    { name: "defaults", input: {}, offline: { start: 7 } },
    {
      name: "one credential, a limit",
      input: { credential_id: "agt_a", limit: 25 },
      offline: { start: 7, credential_id: "agt_a", limit: 25 },
    },
    {
      name: "bound credentials, a window",
      input: {
        bound_policy_id: "",
        start_ts: "2026-11-17T00:00:00Z",
        end_ts: "2026-11-25T00:00:00Z",
      },
      offline: { bound_credentials: ["agt_b", "agt_c"] },
    },
  ] as const;

  for (const [index, policy] of profiles.slice(0, 12).entries()) {
    const scenario = cases[index % cases.length] as (typeof cases)[number];
    test(`${scenario.name}: ${policy.name ?? index}`, async () => {
      const input: Record<string, unknown> = { ...scenario.input, policy };
      if ("bound_policy_id" in input) input.bound_policy_id = saved?.id;
      const online = await pgbeam.policies.replayPolicy(project, input as never);
      const window =
        "start_ts" in scenario.input
          ? { start_ts: scenario.input.start_ts, end_ts: scenario.input.end_ts }
          : { start_ts: new Date(now.getTime() - 7 * 86_400_000), end_ts: now };
      const offline = await replayAuditLogFile(file, {
        policy,
        workers: 2,
        limit: "limit" in scenario.offline ? scenario.offline.limit : 200,
        ...window,
        ...("credential_id" in scenario.offline
          ? { credential_id: scenario.offline.credential_id }
          : {}),
        ...("bound_credentials" in scenario.offline
          ? { bound_credentials: scenario.offline.bound_credentials }
          : {}),
      });
      expect(online.summary.evaluated).toBeGreaterThan(0);
      expect(offline.result).toEqual(online);
    });
  }
});
