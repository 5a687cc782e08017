import { UsageError } from "../io.js";

/** `apply`'s flags as commander parses them. */
export interface ApplyFlags {
  prune?: boolean;
  yes?: boolean;
}

/** What `apply` was asked to do, checked. */
export interface ApplyArguments {
  /** A plan saved by `plan --out`, or undefined to apply the plan of the files. */
  planFile: string | undefined;
  prune: boolean;
  /** Apply without asking. */
  yes: boolean;
}

/** The argument and flags as arguments: `--prune` makes no sense with a saved plan. */
export function applyArguments(planFile: string | undefined, flags: ApplyFlags): ApplyArguments {
  const prune = flags.prune === true;
  if (planFile !== undefined && prune)
    throw new UsageError(
      "--prune: a saved plan already says what it deletes; plan --prune --out FILE.",
    );
  return { planFile, prune, yes: flags.yes === true };
}
