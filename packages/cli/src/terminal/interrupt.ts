/**
 * Ctrl-C as terraform treats it: inside a graceful section (apply's writes) the first interrupt
 * only asks to stop before the next request; a second one, or one outside such a section, exits
 * at once.
 */
export interface Interrupt {
  /** Runs `section` so that a first Ctrl-C during it sets {@link Interrupt.requested} instead of exiting. */
  graceful<T>(section: () => Promise<T>): Promise<T>;
  /** True once Ctrl-C was pressed inside a graceful section. */
  requested(): boolean;
}

/** What the first interrupt inside a graceful section prints. */
export const interruptNotice =
  "Interrupt received: the request in flight will finish, then apply stops. Press Ctrl-C again to exit at once.";

/** An interrupt that is never requested: for runs without a terminal signal (tests in-process). */
export const noInterrupt: Interrupt = { graceful: (section) => section(), requested: () => false };

/**
 * The process's interrupt: listens for SIGINT for the life of the process. `say` prints the
 * notices (stderr); `exitNow` ends the process (exit code 1, as terraform's second interrupt).
 */
export function processInterrupt(say: (text: string) => void, exitNow: () => never): Interrupt {
  let sections = 0;
  let requested = false;
  process.on("SIGINT", () => {
    if (sections === 0 || requested) {
      say(`\n${requested ? "Second interrupt: exiting at once." : "Interrupted."}\n`);
      exitNow();
    }
    requested = true;
    say(`\n${interruptNotice}\n`);
  });
  return {
    async graceful(section) {
      sections++;
      try {
        return await section();
      } finally {
        sections--;
      }
    },
    requested: () => requested,
  };
}
