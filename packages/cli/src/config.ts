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
}

/** The global flags, as commander parses them. */
export interface GlobalFlags {
  dir?: string;
  project?: string;
  baseUrl?: string;
  allowInsecureHttp?: boolean;
  debug?: boolean;
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
