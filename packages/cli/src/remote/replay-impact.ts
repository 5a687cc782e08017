import type {
  PolicyClient,
  PolicyReplayItem,
  PolicyReplayResult,
  PolicyReplaySummary,
} from "@pgbeam/policies-client";
import type { CommandContext } from "../context.js";
import type { PlanChange } from "../profiles/plan-changes.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";

/** How many statements of each change kind the text output shows. */
const shownStatements = 5;

/** What an update would do to the traffic its profile governs today. */
export interface ReplayImpact {
  name: string;
  id: string;
  summary: PolicyReplaySummary;
  /** The most frequent recorded statements the new version would block, then allow. */
  newly_blocked: PolicyReplayItem[];
  newly_allowed: PolicyReplayItem[];
  /** Whose traffic was replayed, when the summary's `traffic_scope` does not say it all. */
  scope?: string;
}

/** The impact a replay result shows for one profile: its counts and its changed statements. */
export function impactOf(
  name: string,
  id: string,
  replay: PolicyReplayResult,
  scope?: string,
): ReplayImpact {
  const of = (kind: PolicyReplayItem["change"]) =>
    replay.items
      .filter((item) => item.change === kind)
      .sort((a, b) => b.occurrences - a.occurrences);
  return {
    name,
    id,
    summary: replay.summary,
    newly_blocked: of("newly_blocked"),
    newly_allowed: of("newly_allowed"),
    ...(scope === undefined ? {} : { scope }),
  };
}

/**
 * Replays each update's new version (the file) against the recorded traffic of the credentials
 * bound to the live profile (`bound_policy_id`), one request per update, in plan order.
 */
export async function replayImpacts(
  pgbeam: PolicyClient,
  project: string,
  changes: readonly PlanChange[],
): Promise<ReplayImpact[]> {
  const impacts: ReplayImpact[] = [];
  for (const change of changes) {
    if (change.action !== "update") continue;
    const replay = await pgbeam.policies.replayPolicy(project, {
      policy: change.input,
      bound_policy_id: change.id,
    });
    impacts.push(impactOf(change.name, change.id, replay));
  }
  return impacts;
}

/** True when no credential is bound to the live profile: its replay proves nothing. */
export const provesNothing = (impact: ReplayImpact) =>
  impact.summary.traffic_scope === "bound_credentials" && impact.summary.bound_credentials === 0;

/** Prints each impact: the replay's scope, counts and top statements; every string made visible. */
export function showImpacts({ out, paint }: CommandContext, impacts: readonly ReplayImpact[]) {
  for (const impact of impacts) {
    const { summary } = impact;
    const scope =
      impact.scope ??
      (summary.traffic_scope === "bound_credentials"
        ? `from the ${count(summary.bound_credentials ?? 0, "credential")} bound to it`
        : "from every credential of the project");
    out(
      `~ replay  ${visible(impact.name)}: ${count(summary.evaluated, "recorded query", "recorded queries")} ${scope}; ${summary.newly_blocked} newly blocked, ${summary.newly_allowed} newly allowed${summary.truncated ? " (truncated: more queries than the limit)" : ""}`,
    );
    if (provesNothing(impact))
      out(
        paint.yellow(
          `    warning: no credential is bound to ${visible(impact.name)}, so this replay proves nothing.`,
        ),
      );
    const list = (label: string, items: PolicyReplayItem[], tone: (text: string) => string) => {
      for (const item of items.slice(0, shownStatements))
        out(
          tone(
            `    ${label} ×${item.occurrences}  ${visible(item.sql)}  (${visible(item.result.rule)}: ${visible(item.result.reason)})`,
          ),
        );
      if (items.length > shownStatements)
        out(`    … and ${items.length - shownStatements} more ${label} (see --json)`);
    };
    list("newly blocked", impact.newly_blocked, paint.red);
    list("newly allowed", impact.newly_allowed, paint.green);
  }
}
