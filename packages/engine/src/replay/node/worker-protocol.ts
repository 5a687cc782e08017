import type { PolicyLike } from "../../policy.js";
import type { CollectedTraffic } from "../collected-traffic.js";
import type { ShapeOutcome } from "../evaluate-shape.js";
import type { TrafficFilter } from "../traffic-filter.js";
import type { TrafficShape } from "../traffic-shape.js";

/** What the main thread asks a replay worker. */
export type ToWorker =
  | { type: "start"; filter: TrafficFilter; observeExecuted: boolean; keepLines: number }
  | { type: "lines"; bytes: Uint8Array; firstLine: number }
  | { type: "collect" }
  | { type: "judge"; batch: number; policy: PolicyLike; shapes: TrafficShape[] };

/** What a replay worker answers. */
export type FromWorker =
  | { type: "ready" }
  | { type: "read"; entriesRead: number; distinctShapes: number }
  | { type: "collected"; collected: CollectedTraffic }
  | { type: "judged"; batch: number; outcomes: ShapeOutcome[] }
  | { type: "failed"; message: string };
