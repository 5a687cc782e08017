import { UsageError } from "../io.js";

/** `plan`'s flags as commander parses them. */
export interface PlanFlags {
  prune?: boolean;
  json?: boolean;
  out?: string;
  detailedExitcode?: boolean;
  replay?: boolean;
  failOnNewlyBlocked?: boolean;
  /** Offline: an audit-log export to replay every profile against (`plan --replay-from`). */
  replayFrom?: string;
  /** With `--replay-from`: text, json or markdown. */
  format?: string;
}

/** What `plan` was asked to do, checked: each choice made once. */
export interface PlanArguments {
  prune: boolean;
  /** Human text, or one JSON document. */
  view: "human" | "json";
  /** Where to save the plan for `apply FILE`, if anywhere. */
  out: string | undefined;
  detailedExitcode: boolean;
  /** Whether to replay each update over its bound credentials' traffic. */
  replay: boolean;
  failOnNewlyBlocked: boolean;
}

/** The flags as arguments: replays on by default with JSON or `--fail-on-newly-blocked`. */
export function planArguments(flags: PlanFlags): PlanArguments {
  const failOnNewlyBlocked = flags.failOnNewlyBlocked === true;
  if (failOnNewlyBlocked && flags.replay === false)
    throw new UsageError("--fail-on-newly-blocked needs the replays that --no-replay skips.");
  const view = flags.json === true ? "json" : "human";
  return {
    prune: flags.prune === true,
    view,
    out: flags.out,
    detailedExitcode: flags.detailedExitcode === true,
    replay: flags.replay ?? (view === "json" || failOnNewlyBlocked),
    failOnNewlyBlocked,
  };
}
