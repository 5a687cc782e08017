import type { OperationId } from "@pgbeam/policies-types";

/** A failure to inject into the next call of one operation. */
export interface Fault {
  /** Answer with this status and the error envelope (e.g. 429, 500, 503). */
  status?: number;
  /** Seconds for the `Retry-After` header. */
  retryAfter?: number;
  /** Wait this long before answering (or before failing), honouring the caller's abort signal. */
  delayMs?: number;
  /** Drop the connection instead of answering: `fetch` rejects as on a network failure. */
  reset?: boolean;
  /**
   * `before` (the default) fails the call without running it; `after` runs it (a create is
   * stored) and then loses the answer, as when a response never reaches the client.
   */
  when?: "before" | "after";
  /** The envelope's code and message (defaults follow the status). */
  code?: string;
  message?: string;
}

/** Queues of faults per operation id, consumed one per call. */
export class FaultQueue {
  private readonly queues = new Map<OperationId, Fault[]>();

  /** Makes the next call of `operationId` fail as described; queued faults apply in order. */
  next(operationId: OperationId, fault: Fault): this {
    const queue = this.queues.get(operationId) ?? [];
    queue.push(fault);
    this.queues.set(operationId, queue);
    return this;
  }

  /** Takes the fault for this call of `operationId`, if one is queued. */
  take(operationId: OperationId): Fault | undefined {
    const queue = this.queues.get(operationId);
    const fault = queue?.shift();
    if (queue?.length === 0) this.queues.delete(operationId);
    return fault;
  }

  /** How many faults are still queued (for all operations, or one). */
  pending(operationId?: OperationId): number {
    if (operationId !== undefined) return this.queues.get(operationId)?.length ?? 0;
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  /** Forgets every queued fault. */
  clear(): void {
    this.queues.clear();
  }
}
