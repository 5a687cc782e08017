import { relative } from "node:path";
import type { Command } from "commander";
import { type CommandContext, example } from "../context.js";
import { exitCodes } from "../io.js";
import { markdownReport } from "../offline-replay/markdown-report.js";
import { replayFile } from "../offline-replay/replay-file.js";
import { replayedPolicy } from "../offline-replay/replay-policy.js";
import { reportFormat } from "../offline-replay/report-format.js";
import { showReplay, showSkipped } from "../offline-replay/text-report.js";
import {
  countFlag,
  type TrafficFlags,
  trafficFile,
  trafficFilter,
} from "../offline-replay/traffic-flags.js";
import { visible } from "../terminal/visible.js";

interface ReplayFlags extends TrafficFlags {
  policy?: string;
  profile?: string;
  json?: boolean;
  format?: string;
  failOnNewlyBlocked?: boolean;
}

/**
 * `replay`: every distinct query of an audit-log export judged by a profile, offline (no API
 * key): text, `--json` (the API's PolicyReplayResult) or `--format markdown`. Exit 1 under
 * `--fail-on-newly-blocked` when the profile blocks a query that ran.
 */
export function registerReplay(root: Command, context: CommandContext) {
  const { io, out, paint, exit } = context;
  root
    .command("replay")
    .description("replay an audit-log export against a profile, offline: what would it block?")
    .requiredOption("--traffic <file>", "the audit-log export: JSON Lines, optionally gzip")
    .option("--policy <file>", "the profile file to replay")
    .option("--profile <name>", "the profile to replay, from the policies folder")
    .option("--credential <id>", "only the traffic of this agent credential")
    .option(
      "--bound-credentials <ids>",
      "only the traffic of these credentials (comma-separated): those bound to the profile",
    )
    .option("--start-ts <date-time>", "start of the window, inclusive (default: the oldest entry)")
    .option(
      "--end-ts <date-time>",
      "end of the window, exclusive (default: after the newest entry)",
    )
    .option("--limit <n>", "judge only the newest N distinct queries (default: all)")
    .option("--workers <n>", "worker threads (default: one per core; 0: none)")
    .option("--json", "print the API's PolicyReplayResult")
    .option("--format <format>", "text, json or markdown (a pull-request comment)")
    .option("--fail-on-newly-blocked", "exit 1 when a query that ran would now be blocked")
    .addHelpText(
      "after",
      example(
        "replay --traffic audit.jsonl.gz --profile support --fail-on-newly-blocked",
        "replay --traffic audit.jsonl --policy policies/support.yaml --format markdown",
      ),
    )
    .action(async (flags: ReplayFlags) => {
      const format = reportFormat(flags);
      const path = trafficFile(io.cwd, flags.traffic);
      const filter = trafficFilter(flags);
      const policy = replayedPolicy(context, flags);
      const replay = await replayFile(io, path, policy.input, {
        filter,
        limit: countFlag("--limit", flags.limit, 1),
        workers: countFlag("--workers", flags.workers, 0),
      });
      const source = relative(io.cwd, path) || path;
      if (format === "json") {
        out(JSON.stringify(replay.result, null, 2));
        showSkipped({ ...context, out: (line = "") => io.stderr(`${line}\n`) }, replay.skipped);
      } else if (format === "markdown") out(markdownReport(policy.name, replay, source));
      else showReplay(context, policy.name, replay, `from ${visible(source)}`);
      const blocked = replay.result.summary.newly_blocked;
      if (flags.failOnNewlyBlocked && blocked > 0) {
        if (format === "text")
          out(
            paint.red(
              `--fail-on-newly-blocked: ${visible(policy.name)} would block ${blocked} recorded ${blocked === 1 ? "query" : "queries"} that ran.`,
            ),
          );
        return exit(exitCodes.error);
      }
      exit(exitCodes.ok);
    });
}
