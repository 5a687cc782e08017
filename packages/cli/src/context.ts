import type { PolicyClient } from "@pgbeam/policies-client";
import type { Command } from "commander";
import { apiClient } from "./api-client.js";
import { type GlobalFlags, type Settings, settings } from "./config.js";
import { type CliIo, colours } from "./io.js";
import { commandLine } from "./text/command-line.js";

/** What every command gets: where to write, its settings, a client, and its exit code. */
export interface CommandContext {
  io: CliIo;
  /** Writes one line to stdout. */
  out: (line?: string) => void;
  paint: ReturnType<typeof colours>;
  /** The settings from the global flags, the config file and the environment. */
  settings: () => Settings;
  /** The API client for these settings (the key from PGBEAM_API_KEY). */
  client: (settings: Settings) => PolicyClient;
  /**
   * Makes a command's run into its commander action: the run returns its exit code, which
   * becomes the process's. Every command's `.action(...)` goes through it.
   */
  runs: <A extends unknown[]>(
    run: (...args: A) => number | Promise<number>,
  ) => (...args: A) => Promise<void>;
  /** Sets the exit code, for a command whose action does not return it (prefer `runs`). */
  exit: (code: number) => void;
}

/** The context for the commands of `root`, recording the exit code in `result`. */
export function commandContext(io: CliIo, root: Command, result: { code: number }): CommandContext {
  return {
    io,
    out: (line = "") => io.stdout(`${line}\n`),
    paint: colours(io),
    settings: () => settings(io, root.opts<GlobalFlags>()),
    client: (config) => apiClient(io, config),
    runs:
      (run) =>
      async (...args) => {
        result.code = await run(...args);
      },
    exit: (code) => {
      result.code = code;
    },
  };
}

/** The `Example:` block every command's help ends with: one command line per `args`. */
export function example(...args: string[]): string {
  return `\nExample:\n${args.map((line) => `  $ ${commandLine(line)}`).join("\n")}\n`;
}
