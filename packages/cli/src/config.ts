import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { validateListPolicyProfilesPathParams } from "@pgbeam/policies-validators";
import { parse } from "yaml";
import { checkFlag } from "./flag-check.js";
import { type CliIo, UsageError } from "./io.js";

/** Settings every command may use: flags win over the config file, which wins over defaults. */
export interface Settings {
  dir: string;
  project: string | undefined;
  baseUrl: string | undefined;
  /** Whether a plain-http base URL that is not loopback may carry the API key. */
  allowInsecureHttp: boolean;
  /** The most one API call may take, retries included, in milliseconds. */
  timeoutMs: number;
}

/** The global flags, as commander parses them. */
export interface GlobalFlags {
  dir?: string;
  project?: string;
  baseUrl?: string;
  allowInsecureHttp?: boolean;
  timeout?: string;
  debug?: boolean;
}

/** How long one API call may take by default, retries included, in seconds. */
export const defaultTimeoutSeconds = 60;

/** The longest timeout a flag may ask for, in seconds (what a timer can wait). */
const maxTimeoutSeconds = Math.floor((2 ** 31 - 1) / 1000);

/** `--timeout` (or PGBEAM_TIMEOUT) in milliseconds, or a usage error naming where it came from. */
function timeoutMs(flag: string | undefined, env: string | undefined): number {
  const [source, text] =
    flag !== undefined
      ? ["--timeout", flag]
      : env !== undefined && env !== ""
        ? ["PGBEAM_TIMEOUT", env]
        : [undefined, undefined];
  if (source === undefined || text === undefined) return defaultTimeoutSeconds * 1000;
  const value = Number(text);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !(value > 0) || value > maxTimeoutSeconds)
    throw new UsageError(
      `${source} must be a number of seconds above 0 and at most ${maxTimeoutSeconds} (got ${JSON.stringify(text)}).`,
    );
  return Math.round(value * 1000);
}

const configNames = [
  "pgbeam-policies.config.json",
  "pgbeam-policies.config.yaml",
  "pgbeam-policies.config.yml",
];

/** The settings a config file may hold. */
const configKeys = ["dir", "project", "baseUrl"];

/** Reads `pgbeam-policies.config.{json,yaml,yml}` from the working directory, if there is one. */
function configFile(io: CliIo): Partial<Record<"dir" | "project" | "baseUrl", string>> {
  for (const name of configNames) {
    const path = join(io.cwd, name);
    if (!existsSync(path)) continue;
    let value: unknown;
    try {
      value = parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new UsageError(
        `${name} is not valid ${name.endsWith("json") ? "JSON" : "YAML"}: ${(error as Error).message.split("\n")[0]}`,
      );
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new UsageError(`${name} must hold an object with ${configKeys.join(", ")}.`);
    for (const [key, item] of Object.entries(value)) {
      if (!configKeys.includes(key))
        throw new UsageError(
          `${name}: unknown setting ${JSON.stringify(key)} (known: ${configKeys.join(", ")}). Credentials come only from PGBEAM_API_KEY.`,
        );
      if (typeof item !== "string") throw new UsageError(`${name}: ${key} must be a string.`);
    }
    return value as Record<string, string>;
  }
  return {};
}

/** The settings for this run. */
export function settings(io: CliIo, flags: GlobalFlags): Settings {
  const file = configFile(io);
  return {
    dir: resolve(io.cwd, flags.dir ?? file.dir ?? "policies"),
    project: flags.project ?? file.project ?? io.env.PGBEAM_PROJECT,
    baseUrl: flags.baseUrl ?? file.baseUrl ?? io.env.PGBEAM_BASE_URL,
    allowInsecureHttp: flags.allowInsecureHttp === true,
    timeoutMs: timeoutMs(flags.timeout, io.env.PGBEAM_TIMEOUT),
  };
}

/** The project id, checked against the spec's id pattern, or a usage error naming `--project`. */
export function requireProject(settings: Settings): string {
  const project = settings.project;
  if (project === undefined || project === "") {
    throw new UsageError(
      "No project: pass --project prj_…, set project in pgbeam-policies.config.json, or set PGBEAM_PROJECT.",
    );
  }
  checkFlag("--project", validateListPolicyProfilesPathParams({ project_id: project }));
  return project;
}
