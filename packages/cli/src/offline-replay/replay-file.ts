import { statSync } from "node:fs";
import {
  replayAuditLogFile,
  type TrafficFilter,
  type TrafficReplay,
} from "@pgbeam/policies-engine/node";
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import type { CliIo } from "../io.js";
import { UsageError } from "../io.js";
import { progressLine } from "./progress.js";

/** Replays an export against a profile with the engine, showing progress on a terminal. */
export async function replayFile(
  io: CliIo,
  path: string,
  policy: PolicyProfileInput,
  options: { filter: TrafficFilter; limit: number | undefined; workers: number | undefined },
): Promise<TrafficReplay> {
  const progress = progressLine(io, statSync(path).size);
  try {
    return await replayAuditLogFile(path, {
      policy,
      ...options.filter,
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    });
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  } finally {
    progress.done();
  }
}
