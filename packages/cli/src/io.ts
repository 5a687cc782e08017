import type { Located } from "./profiles/policy-files.js";
import type { Interrupt } from "./terminal/interrupt.js";

/** Where a command writes, and what it knows of its terminal and environment. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stdout is a terminal: colours and progress are shown only then. */
  isTTY: boolean;
  /** Asks a yes/no question on the terminal; undefined when there is none to ask on. */
  confirm?: (question: string) => Promise<boolean>;
  /** Ctrl-C handling; without it (in-process runs) nothing is ever interrupted. */
  interrupt?: Interrupt;
}

/** A failure of the command's own use (bad flags, missing files): exit code 1, one line. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Files with problems stop a command that needs every file valid; the problems travel with it. */
export class InvalidFilesError extends UsageError {
  override name = "InvalidFilesError";
  constructor(
    message: string,
    /** Each problem, to print before the message (text) or inside the error (JSON). */
    readonly problems: readonly Located[],
  ) {
    super(message);
  }
}

/** Colour helpers that print plain text unless stdout is a terminal and NO_COLOR is unset. */
export function colours(io: CliIo) {
  const on = io.isTTY && (io.env.NO_COLOR ?? "") === "";
  const wrap = (code: number) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { red: wrap(31), green: wrap(32), yellow: wrap(33), dim: wrap(2), bold: wrap(1) };
}

/**
 * Exit codes, as terraform's: 0 success; 1 an error (usage errors included), failed tests or
 * findings; 2 only "changes present", and only under `plan --detailed-exitcode`.
 */
export const exitCodes = { ok: 0, error: 1, changes: 2 } as const;
