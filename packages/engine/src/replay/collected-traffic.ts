import { emptySkipped, mergeSkipped, type SkippedReport } from "./skipped.js";
import { mergeShape, type TrafficShape } from "./traffic-shape.js";

/** What reading the traffic found, before any policy is applied. */
export interface CollectedTraffic {
  shapes: TrafficShape[];
  /** Entries read (every line that held something). */
  entriesRead: number;
  /** Entries in the window and scope, of any event. */
  inScope: number;
  /** Statement entries in the window and scope: the summary's `entries_scanned`. */
  scanned: number;
  skipped: SkippedReport;
}

/** An empty collection. */
export function emptyCollected(): CollectedTraffic {
  return { shapes: [], entriesRead: 0, inScope: 0, scanned: 0, skipped: emptySkipped() };
}

/** Merges the collections of parts of the traffic (one per worker) into one. */
export function mergeCollected(parts: readonly CollectedTraffic[], keep: number): CollectedTraffic {
  const merged = emptyCollected();
  const byHash = new Map<string, TrafficShape>();
  for (const part of parts) {
    merged.entriesRead += part.entriesRead;
    merged.inScope += part.inScope;
    merged.scanned += part.scanned;
    mergeSkipped(merged.skipped, part.skipped, keep);
    for (const shape of part.shapes) {
      const known = byHash.get(shape.hash);
      if (known === undefined) byHash.set(shape.hash, shape);
      else mergeShape(known, shape);
    }
  }
  merged.shapes = [...byHash.values()];
  return merged;
}
