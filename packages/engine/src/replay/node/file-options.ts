import { availableParallelism } from "node:os";

/** How a file is read on Node. */
export interface FileReadOptions {
  /**
   * Worker threads that read and judge (default: one per core). `0` reads and judges in this
   * thread.
   */
  workers?: number;
  /** Gunzip the file: `true`, `false`, or (default) when it starts with gzip's magic bytes. */
  gzip?: boolean;
}

/** The worker count to use; throws a `TypeError` naming `workers` when it is not a count. */
export function workerCount(workers: number | undefined): number {
  if (workers === undefined) return availableParallelism();
  if (!(Number.isSafeInteger(workers) && workers >= 0))
    throw new TypeError(
      `replay: workers must be a whole number of 0 or more (got ${String(workers)}).`,
    );
  return workers;
}

/** The built worker file, beside the module that starts it (dist/). */
export function workerUrl(): URL {
  const ext = import.meta.url.endsWith(".cjs") ? ".cjs" : ".js";
  return new URL(`./replay-worker${ext}`, import.meta.url);
}
