import { Worker } from "node:worker_threads";
import type { PolicyLike } from "../../policy.js";
import type { CollectedTraffic } from "../collected-traffic.js";
import type { ShapeOutcome } from "../evaluate-shape.js";
import type { TrafficFilter } from "../traffic-filter.js";
import type { TrafficShape } from "../traffic-shape.js";
import type { LineBlock } from "./file-lines.js";
import type { FromWorker, ToWorker } from "./worker-protocol.js";

/** Blocks of lines a worker may hold at once: enough to keep it busy, few enough to bound memory. */
const blocksInFlight = 4;

/** Shapes judged per message. */
const judgeBatch = 256;

/** Batches of shapes a worker holds at once. */
const batchesInFlight = 3;

interface Member {
  worker: Worker;
  busy: number;
  entriesRead: number;
  distinctShapes: number;
  waiting: ((message: FromWorker) => void) | undefined;
}

/** Replay worker threads: they read blocks of lines into shapes, then judge shapes. */
export class WorkerPool {
  private readonly members: Member[] = [];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  private constructor() {}

  /**
   * Starts `count` workers from the built worker file. It does not wait for them to load the
   * parser: what is sent meanwhile waits in their queues, so reading starts at once; a worker
   * that fails to start fails the next call.
   */
  static start(count: number, workerUrl: URL): WorkerPool {
    const pool = new WorkerPool();
    for (let i = 0; i < count; i++) {
      const member: Member = {
        worker: new Worker(workerUrl),
        busy: 0,
        entriesRead: 0,
        distinctShapes: 0,
        waiting: undefined,
      };
      pool.members.push(member);
      member.worker.on("message", (message: FromWorker) => pool.receive(member, message));
      member.worker.on("error", (error) => pool.fail(error));
    }
    return pool;
  }

  /** Entries read and (at least) distinct shapes found so far, over all workers. */
  progress(): { entriesRead: number; distinctShapes: number } {
    let entriesRead = 0;
    let distinctShapes = 0;
    for (const member of this.members) {
      entriesRead += member.entriesRead;
      distinctShapes = Math.max(distinctShapes, member.distinctShapes);
    }
    return { entriesRead, distinctShapes };
  }

  /** Tells every worker which traffic to keep. */
  begin(filter: TrafficFilter, observeExecuted: boolean, keepLines: number): void {
    for (const member of this.members)
      this.post(member, { type: "start", filter, observeExecuted, keepLines });
  }

  /** Hands a block to the least busy worker, waiting while every worker is full. */
  async read(block: LineBlock): Promise<void> {
    for (;;) {
      this.check();
      const member = this.members.reduce((a, b) => (b.busy < a.busy ? b : a));
      if (member.busy < blocksInFlight) {
        member.busy += 1;
        this.post(member, { type: "lines", bytes: block.bytes, firstLine: block.firstLine }, [
          block.bytes.buffer as ArrayBuffer,
        ]);
        return;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Waits for every block to be read and returns each worker's shapes. */
  async collect(): Promise<CollectedTraffic[]> {
    return Promise.all(
      this.members.map(async (member) => {
        this.post(member, { type: "collect" });
        const message = await this.next(member, "collected");
        return (message as Extract<FromWorker, { type: "collected" }>).collected;
      }),
    );
  }

  /**
   * Judges shapes across the workers, a few batches in flight per worker (so none waits for the
   * next), the next batch to whichever answers; outcomes in `shapes` order.
   */
  async judge(
    policy: PolicyLike,
    shapes: readonly TrafficShape[],
    onJudged: (judged: number) => void,
  ): Promise<ShapeOutcome[]> {
    const outcomes: ShapeOutcome[] = new Array(shapes.length);
    const batches = Math.ceil(shapes.length / judgeBatch);
    let nextBatch = 0;
    let judged = 0;
    let answered = 0;
    const send = (member: Member) => {
      if (nextBatch >= batches) return;
      const batch = nextBatch++;
      const slice = shapes
        .slice(batch * judgeBatch, (batch + 1) * judgeBatch)
        .map((shape) => ({ ...shape, executed: undefined }));
      this.post(member, { type: "judge", batch, policy, shapes: slice });
    };
    await new Promise<void>((resolve, reject) => {
      if (batches === 0) return resolve();
      for (const member of this.members) {
        member.waiting = (message) => {
          if (message.type === "failed")
            return reject(new Error(`replay worker: ${message.message}`));
          if (message.type !== "judged") return;
          message.outcomes.forEach((outcome, index) => {
            outcomes[message.batch * judgeBatch + index] = outcome;
          });
          judged += message.outcomes.length;
          answered += 1;
          onJudged(judged);
          if (answered === batches) {
            for (const each of this.members) each.waiting = undefined;
            resolve();
          } else send(member);
        };
      }
      for (let round = 0; round < batchesInFlight; round++)
        for (const member of this.members) send(member);
    });
    return outcomes;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.members.map((member) => member.worker.terminate()));
  }

  private post(member: Member, message: ToWorker, transfer: ArrayBuffer[] = []): void {
    member.worker.postMessage(message, transfer);
  }

  private next(member: Member, type: FromWorker["type"]): Promise<FromWorker> {
    this.check();
    return new Promise((resolve, reject) => {
      member.waiting = (message) => {
        if (message.type === "failed") reject(new Error(`replay worker: ${message.message}`));
        else if (message.type === type) {
          member.waiting = undefined;
          resolve(message);
        }
      };
    });
  }

  private receive(member: Member, message: FromWorker): void {
    if (message.type === "read") {
      member.busy -= 1;
      member.entriesRead = message.entriesRead;
      member.distinctShapes = message.distinctShapes;
      this.wakeReader();
    }
    if (message.type === "failed") this.fail(new Error(`replay worker: ${message.message}`));
    member.waiting?.(message);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wakeReader();
    for (const member of this.members)
      member.waiting?.({ type: "failed", message: error.message.replace(/^replay worker: /, "") });
  }

  private wakeReader(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
