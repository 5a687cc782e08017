import type { MatrixContext } from "./context.js";
import type { CheckResults } from "./results.js";

/** One column of the matrix: a runtime (and, for Chromium, the bundler that built the app). */
export interface Runtime {
  /** How the matrix names it, e.g. `bun 1.4.5` or `chromium (vite)`. */
  name: string;
  /** Why it cannot run on this machine, or undefined when it can. */
  unavailable: string | undefined;
  /** Runs the four checks there. */
  run(context: MatrixContext): Promise<CheckResults>;
}
