/**
 * One cancellable step of a call: an attempt, or the pause before a retry. Its AbortSignal is
 * made only when something reads `signal` (Node's fetch does; an in-process fetch that ignores it
 * never pays for one), and `run` settles as soon as the step is aborted, whatever the work does.
 */
export class AbortStep {
  #controller: AbortController | undefined;
  #reject: ((reason: unknown) => void) | undefined;
  /** True once aborted. */
  aborted = false;
  /** Why it was aborted: the caller's reason or a PgBeamTimeoutError. */
  reason: unknown;

  /** The step's signal: made on first read, already aborted if the step was. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  /** Aborts the step's work (through its signal) and rejects `run` at once. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    this.#reject?.(reason);
  }

  /** Settles with `work`, or rejects with the reason as soon as the step is aborted. */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.aborted) return Promise.reject(this.reason);
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      work().then(resolve, reject);
    });
  }
}

/** The steps of one call, so that the caller's abort reaches whichever step is running. */
export class AbortCall {
  #step: AbortStep | undefined;
  /** True once the caller aborted. */
  aborted = false;
  /** The caller's reason. */
  reason: unknown;

  /** Starts the next step; throws the caller's reason if the call was aborted. */
  step(): AbortStep {
    if (this.aborted) throw this.reason;
    this.#step = new AbortStep();
    return this.#step;
  }

  /** Aborts the call: the running step, and every step after it. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#step?.abort(reason);
  }
}
