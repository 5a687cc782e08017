import { statSync } from "node:fs";
import { recommendFromAuditLogFile } from "@pgbeam/policies-engine/node";
import type { PolicyRecommendation } from "@pgbeam/policies-types";
import type { CommandContext } from "../context.js";
import { UsageError } from "../io.js";
import { progressLine } from "./progress.js";
import { showSkipped } from "./text-report.js";
import { trafficFile } from "./traffic-flags.js";

/** The recommend flags the offline derivation reads. */
export interface RecommendFromFileFlags {
  agent?: string;
  credential?: string;
  traffic?: string;
  lookbackDays?: string;
}

/** The credential of `--credential` or `--agent` (the same thing); a usage error without one. */
export function credentialFlag(flags: RecommendFromFileFlags): string {
  if (
    flags.agent !== undefined &&
    flags.credential !== undefined &&
    flags.agent !== flags.credential
  )
    throw new UsageError("--agent and --credential name the same credential: give one.");
  const credential = flags.credential ?? flags.agent;
  if (credential === undefined || credential === "")
    throw new UsageError(
      "Give the agent credential: --agent ID (or --credential ID with --traffic).",
    );
  return credential;
}

/**
 * The recommendation derived offline from an export with the engine (the service's derivation,
 * run locally); skipped lines are reported on stderr.
 */
export async function recommendationFromFile(
  context: CommandContext,
  flags: RecommendFromFileFlags,
  credential: string,
): Promise<PolicyRecommendation> {
  const { io } = context;
  if (flags.lookbackDays !== undefined)
    throw new UsageError(
      "--lookback-days reads the live audit log; with --traffic the whole export is read: export the window you want.",
    );
  const path = trafficFile(io.cwd, flags.traffic);
  const progress = progressLine(io, statSync(path).size);
  try {
    const { recommendation, skipped } = await recommendFromAuditLogFile(path, {
      credential_id: credential,
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    });
    progress.done();
    showSkipped({ ...context, out: (line = "") => io.stderr(`${line}\n`) }, skipped);
    return recommendation;
  } finally {
    progress.done();
  }
}
