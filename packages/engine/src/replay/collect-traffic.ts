import type { PolicyEngine } from "../engine.js";
import type { AuditLogEntry } from "./audit-log-entry.js";
import type { CollectedTraffic } from "./collected-traffic.js";
import { progressEvery, type ReplayProgress } from "./replay-options.js";
import { ShapeCollector } from "./shape-collector.js";
import type { CompiledFilter } from "./traffic-filter.js";

/** Audit-log entries, or lines of a JSON Lines export (one entry per string), in order. */
export type AuditLogSource =
  | Iterable<AuditLogEntry | string>
  | AsyncIterable<AuditLogEntry | string>;

/** Reads a whole source in this thread into distinct shapes. */
export async function collectTraffic(
  engine: PolicyEngine,
  source: AuditLogSource,
  filter: CompiledFilter,
  options: {
    observeExecuted: boolean;
    keepLines: number;
    onProgress?: ((progress: ReplayProgress) => void) | undefined;
  },
): Promise<CollectedTraffic> {
  const collector = new ShapeCollector(engine, filter, options);
  let line = 0;
  for await (const item of source as AsyncIterable<AuditLogEntry | string>) {
    line += 1;
    if (typeof item === "string") collector.acceptLine(item, line);
    else collector.accept(item, line);
    if (options.onProgress !== undefined && line % progressEvery === 0)
      options.onProgress({
        phase: "reading",
        entriesRead: collector.entriesRead,
        distinctShapes: collector.distinctShapes,
      });
  }
  return collector.collected();
}
