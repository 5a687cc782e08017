/** One pending deadline: `expire` runs once `at` (epoch ms) has passed, unless removed first. */
export interface Deadline {
  readonly at: number;
  readonly expire: () => void;
}

type Timer = ReturnType<typeof setTimeout>;

/** Node's timers can stop holding the process open; browsers' and workers' timers are numbers. */
function setHolding(timer: Timer | undefined, holding: boolean): boolean {
  const handle = timer as { ref?: () => void; unref?: () => void } | undefined;
  if (typeof handle?.unref !== "function" || typeof handle.ref !== "function") return false;
  if (holding) handle.ref();
  else handle.unref();
  return true;
}

/**
 * The deadlines of every attempt of one client, on one timer. A `setTimeout` per attempt cost
 * about a tenth of an in-process call (its Timeout object, the timer list, `clearTimeout`); here
 * an attempt costs a set entry, and the timer is re-armed only for a deadline earlier than the one
 * it waits for. With no deadline pending the timer stops holding a Node process open (or is
 * cleared where timers cannot be unreferenced), so a script still exits when its calls are done.
 */
export class Deadlines {
  readonly #pending = new Set<Deadline>();
  #timer: Timer | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  /** Calls `expire` after `ms`, unless the returned deadline is removed first. */
  add(ms: number, expire: () => void): Deadline {
    const deadline = { at: Date.now() + ms, expire };
    this.#pending.add(deadline);
    if (deadline.at < this.#timerAt) this.#arm(deadline.at);
    else if (this.#pending.size === 1) setHolding(this.#timer, true);
    return deadline;
  }

  /** Forgets a deadline whose work ended in time. */
  remove(deadline: Deadline): void {
    this.#pending.delete(deadline);
    if (this.#pending.size === 0 && !setHolding(this.#timer, false)) this.#disarm();
  }

  #arm(at: number): void {
    this.#disarm();
    this.#timerAt = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, at - Date.now()));
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of this.#pending) {
      if (deadline.at <= now) {
        this.#pending.delete(deadline);
        deadline.expire();
      } else if (deadline.at < next) next = deadline.at;
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
  }
}
