import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import type { CommandContext } from "../context.js";
import { UsageError } from "../io.js";
import { checkFiles, formatLocated } from "../profiles/check-files.js";
import { policyFiles, readPolicyFile } from "../profiles/policy-files.js";
import { visible } from "../terminal/visible.js";

/** A profile to replay and where it came from. */
export interface ReplayedPolicy {
  name: string;
  /** The file, as shown to the user. */
  shownPath: string;
  input: PolicyProfileInput;
}

/**
 * The profile of `--policy FILE` or of `--profile NAME` (from the policies folder), checked
 * against the spec; its problems are printed with their positions and end in a usage error.
 */
export function replayedPolicy(
  { io, out, settings }: CommandContext,
  flags: { policy?: string; profile?: string },
): ReplayedPolicy {
  if ((flags.policy === undefined) === (flags.profile === undefined))
    throw new UsageError(
      "Give the profile to replay: --policy FILE (a profile file) or --profile NAME (from the policies folder), not both.",
    );
  let files: ReturnType<typeof policyFiles>;
  let wanted: string | undefined;
  if (flags.policy !== undefined) {
    const path = resolve(io.cwd, flags.policy);
    if (!existsSync(path)) throw new UsageError(`--policy: no file at ${visible(flags.policy)}.`);
    files = [readPolicyFile(path, io.cwd)];
  } else {
    const { dir } = settings();
    files = policyFiles(dir, io.cwd).filter((file) => file.name === flags.profile);
    wanted = flags.profile;
    if (files.length === 0)
      throw new UsageError(
        `--profile ${visible(flags.profile ?? "")}: no such profile in ${relative(io.cwd, dir) || "."}.`,
      );
  }
  const checked = checkFiles(files);
  for (const problem of checked.problems) out(visible(formatLocated(problem)));
  const [found] = [...checked.profiles.values()];
  if (found === undefined)
    throw new UsageError(
      `${wanted === undefined ? `--policy ${visible(flags.policy ?? "")}` : `--profile ${visible(wanted)}`}: the profile is invalid.`,
    );
  return { name: found.file.name, shownPath: found.file.shownPath, input: found.input };
}
