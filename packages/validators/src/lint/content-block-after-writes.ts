import type { LintFinding } from "./finding.js";
import type { ProfileView, Rule } from "./rules.js";

/**
 * Under `block`, a withheld result does not undo the statement: it ran, and its writes have
 * committed (an `UPDATE … RETURNING` whose returned rows are flagged still updated them). Only a
 * profile whose writes commit (read_write, write_mode normal) can be surprised by that.
 */
export const blockDoesNotUndoWrites: Rule = (
  p: Pick<ProfileView, "content_scan_mode" | "access_mode" | "write_mode">,
): LintFinding[] =>
  p.content_scan_mode === "block" && p.access_mode === "read_write" && p.write_mode === "normal"
    ? [
        {
          code: "content-block-after-writes",
          severity: "info",
          path: "/content_scan_mode",
          message:
            "content_scan_mode block withholds results, not writes: a statement whose result is flagged has already run, and its writes stay committed.",
          suggestion: "Use write_mode rollback or sandbox if flagged writes must not persist.",
        },
      ]
    : [];
