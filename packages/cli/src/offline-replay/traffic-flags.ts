import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { TrafficFilter } from "@pgbeam/policies-engine";
import { UsageError } from "../io.js";
import { visible } from "../terminal/visible.js";

/** The flags that pick which recorded traffic is read, as commander parses them. */
export interface TrafficFlags {
  traffic?: string;
  credential?: string;
  boundCredentials?: string;
  startTs?: string;
  endTs?: string;
  limit?: string;
  workers?: string;
}

/** The export's path, checked to be a readable file; a usage error naming `--traffic` otherwise. */
export function trafficFile(cwd: string, given: string | undefined, flag = "--traffic"): string {
  if (given === undefined || given === "")
    throw new UsageError(
      `${flag}: give the audit-log export to read (JSON Lines, optionally .gz).`,
    );
  const path = resolve(cwd, given);
  if (!existsSync(path) || !statSync(path).isFile())
    throw new UsageError(`${flag}: no file at ${visible(given)}.`);
  return path;
}

/** A whole number flag of `min` or more, or undefined when absent. */
export function countFlag(
  flag: string,
  value: string | undefined,
  min: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!(Number.isSafeInteger(number) && number >= min))
    throw new UsageError(
      `${flag}: expected a whole number of ${min} or more, got ${visible(value)}.`,
    );
  return number;
}

function instant(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Number.isNaN(Date.parse(value)))
    throw new UsageError(
      `${flag}: expected an RFC 3339 date-time such as 2026-11-01T00:00:00Z, got ${visible(value)}.`,
    );
  return value;
}

/** The engine's filter for the flags; usage errors name the flag that is wrong. */
export function trafficFilter(flags: TrafficFlags): TrafficFilter {
  if (flags.credential !== undefined && flags.boundCredentials !== undefined)
    throw new UsageError(
      "--credential and --bound-credentials exclude each other: each one picks the traffic to replay.",
    );
  const start = instant("--start-ts", flags.startTs);
  const end = instant("--end-ts", flags.endTs);
  const bound = flags.boundCredentials
    ?.split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  return {
    ...(start === undefined ? {} : { start_ts: start }),
    ...(end === undefined ? {} : { end_ts: end }),
    ...(flags.credential === undefined ? {} : { credential_id: flags.credential }),
    ...(bound === undefined ? {} : { bound_credentials: bound }),
  };
}
