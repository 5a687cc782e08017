import { relative } from "node:path";
import type { TrafficReplay } from "@pgbeam/policies-engine";
import type { CommandContext } from "../context.js";
import { exitCodes, UsageError } from "../io.js";
import { markdownReport } from "../offline-replay/markdown-report.js";
import { replayFile } from "../offline-replay/replay-file.js";
import { reportFormat } from "../offline-replay/report-format.js";
import { showReplay } from "../offline-replay/text-report.js";
import { trafficFile } from "../offline-replay/traffic-flags.js";
import { checkFiles, formatLocated } from "../profiles/check-files.js";
import { policyFiles } from "../profiles/policy-files.js";
import { visible } from "../terminal/visible.js";

/** The plan flags the offline replay reads. */
export interface PlanReplayFromFlags {
  replayFrom?: string;
  format?: string;
  json?: boolean;
  out?: string;
  prune?: boolean;
  failOnNewlyBlocked?: boolean;
}

/**
 * `plan --replay-from FILE`: offline, no API key. Every profile of the folder is replayed
 * against the export (all of its traffic), and reported as text, JSON or Markdown; exit 1 under
 * `--fail-on-newly-blocked` when a profile blocks a recorded query that ran. Returns the exit code.
 */
export async function planReplayFrom(
  context: CommandContext,
  flags: PlanReplayFromFlags,
): Promise<number> {
  const { io, out, paint, settings } = context;
  const format = reportFormat(flags);
  if (flags.out !== undefined || flags.prune === true)
    throw new UsageError(
      "--replay-from plans offline, against no project: --out and --prune need the live project.",
    );
  const path = trafficFile(io.cwd, flags.replayFrom, "--replay-from");
  const checked = checkFiles(policyFiles(settings().dir, io.cwd));
  for (const problem of checked.problems) out(visible(formatLocated(problem)));
  if (checked.problems.length > 0)
    throw new UsageError("Fix the profile files above before replaying them.");
  const source = relative(io.cwd, path) || path;
  const replays: { name: string; file: string; replay: TrafficReplay }[] = [];
  for (const [name, { file, input }] of checked.profiles)
    replays.push({
      name,
      file: file.shownPath,
      replay: await replayFile(io, path, input, {
        filter: {},
        limit: undefined,
        workers: undefined,
      }),
    });
  if (format === "json")
    out(
      JSON.stringify(
        {
          replay_from: source,
          replays: replays.map(({ name, file, replay }) => ({
            name,
            file,
            result: replay.result,
            skipped: replay.skipped,
          })),
        },
        null,
        2,
      ),
    );
  else if (format === "markdown") {
    out(`## Policy plan: offline replay of ${replays.length} profiles\n`);
    for (const { name, replay } of replays) out(markdownReport(name, replay, source));
  } else {
    out(
      `Offline plan: ${replays.length} profiles replayed against ${visible(source)} (no API call).`,
    );
    for (const { name, replay } of replays)
      showReplay(context, name, replay, `from ${visible(source)}`);
  }
  const blocking = replays.filter(({ replay }) => replay.result.summary.newly_blocked > 0);
  if (flags.failOnNewlyBlocked && blocking.length > 0) {
    if (format === "text")
      out(
        paint.red(
          `--fail-on-newly-blocked: ${blocking.map(({ name }) => visible(name)).join(", ")} would block recorded queries that ran.`,
        ),
      );
    return exitCodes.error;
  }
  return exitCodes.ok;
}
