import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { type CliIo, UsageError } from "./io.js";

/** Settings every command may use: flags win over the config file, which wins over defaults. */
export interface Settings {
  dir: string;
  project: string | undefined;
  baseUrl: string | undefined;
}

const configNames = [
  "pgbeam-policies.config.json",
  "pgbeam-policies.config.yaml",
  "pgbeam-policies.config.yml",
];

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
      throw new UsageError(`${name} must hold an object with dir, project and baseUrl.`);
    const known = new Set(["dir", "project", "baseUrl"]);
    for (const [key, item] of Object.entries(value)) {
      if (!known.has(key))
        throw new UsageError(
          `${name}: unknown setting "${key}" (known: dir, project, baseUrl). Credentials come only from PGBEAM_API_KEY.`,
        );
      if (typeof item !== "string") throw new UsageError(`${name}: ${key} must be a string.`);
    }
    return value as Record<string, string>;
  }
  return {};
}

/** The settings for this run. */
export function settings(
  io: CliIo,
  flags: { dir?: string; project?: string; baseUrl?: string },
): Settings {
  const file = configFile(io);
  return {
    dir: resolve(io.cwd, flags.dir ?? file.dir ?? "policies"),
    project: flags.project ?? file.project ?? io.env.PGBEAM_PROJECT,
    baseUrl: flags.baseUrl ?? file.baseUrl ?? io.env.PGBEAM_BASE_URL,
  };
}

/** The project id, or a usage error saying how to give one. */
export function requireProject(settings: Settings): string {
  if (settings.project === undefined || settings.project === "") {
    throw new UsageError(
      "No project: pass --project prj_…, or set project in pgbeam-policies.config.json.",
    );
  }
  return settings.project;
}
