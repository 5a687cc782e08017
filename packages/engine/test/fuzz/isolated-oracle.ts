// The fuzzer's side of the oracle thread: one request at a time, each with a deadline; a thread
// that misses it (a statement PGlite cannot stop) or dies is replaced by a fresh one.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { DryEvalResult, PolicyProfileInput } from "@pgbeam/policies-types";
import type { LeakReport } from "../oracle/leak-oracle.js";
import type { OracleRequest, OracleResponse } from "./oracle-protocol.js";

/** The oracle's answer, or that the statement ran past its deadline (not a finding). */
export type CheckOutcome = { kind: "report"; report: LeakReport } | { kind: "timeout" };

type Pending = { resolve: (response: OracleResponse) => void; reject: (error: Error) => void };
type Request = OracleRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, "id">
    : never
  : never;

// The thread loads TypeScript through tsx's loader, registered in the thread itself (a worker does
// not inherit the loader vitest or the CLI runs under).
const tsxApi = pathToFileURL(
  createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs"),
).href;
const workerUrl = new URL("./oracle-worker.ts", import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); })`;

/** The leak oracle, run in a worker thread that is restarted when a statement hangs it. */
export class IsolatedOracle {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  /** How many times the thread was replaced (after a timeout or a crash). */
  restarts = 0;

  /** Starts the first thread and waits until its database is seeded. */
  static async start(): Promise<IsolatedOracle> {
    const oracle = new IsolatedOracle();
    await oracle.spawn();
    return oracle;
  }

  /** Judges one engine verdict on PostgreSQL, giving up after `timeoutMs`. */
  async check(
    sql: string,
    policy: PolicyProfileInput,
    result: DryEvalResult,
    timeoutMs: number,
  ): Promise<CheckOutcome> {
    const response = await this.request({ type: "check", sql, policy, result }, timeoutMs);
    if (response === undefined) return { kind: "timeout" };
    if (response.type === "report") return { kind: "report", report: response.report };
    throw new Error(`the oracle failed on ${JSON.stringify(sql)}: ${describe(response)}`);
  }

  /** Runs a read-only catalog query on the seeded template. */
  async catalog<T>(sql: string): Promise<T[]> {
    const response = await this.request({ type: "catalog", sql }, 60_000);
    if (response?.type === "rows") return response.rows as T[];
    throw new Error(
      `catalog query failed: ${response === undefined ? "timeout" : describe(response)}`,
    );
  }

  /** Stops the thread and its databases. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker === undefined) return;
    await this.request({ type: "stop" }, 10_000, worker).catch(() => undefined);
    await worker.terminate();
  }

  private spawn(): Promise<void> {
    const worker = new Worker(bootstrap, { eval: true });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on("message", (response: OracleResponse) => {
        if (response.type === "ready") return resolve();
        const waiting = this.pending.get(response.id);
        this.pending.delete(response.id);
        waiting?.resolve(response);
      });
      worker.on("error", (error) => {
        reject(error);
        this.failAll(error);
      });
      worker.on("exit", (code) => this.failAll(new Error(`oracle thread exited (${code})`)));
    });
    return this.ready;
  }

  private failAll(error: Error) {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  /** Sends a request; resolves undefined on timeout or crash, after replacing the thread. */
  private async request(
    request: Request,
    timeoutMs: number,
    worker = this.worker,
  ): Promise<OracleResponse | undefined> {
    if (worker === undefined) throw new Error("the oracle is stopped");
    await this.ready;
    const id = this.nextId++;
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<OracleResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as OracleRequest);
    });
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      const response = await Promise.race([answered, late]);
      if (response !== undefined) return response;
    } catch {
      // The thread died (PGlite aborted): treated like a timeout.
    } finally {
      clearTimeout(timer);
    }
    this.pending.delete(id);
    if (worker === this.worker) {
      this.restarts++;
      this.worker = undefined;
      await worker.terminate();
      await this.spawn();
    }
    return undefined;
  }
}

function describe(response: OracleResponse): string {
  return response.type === "error" ? response.message : response.type;
}
