import type { LintFinding } from "./finding.js";
import type { ProfileView, Rule } from "./rules.js";

/**
 * Under `block`, a masked column is not scanned: the proxy counts its values as unscanned (never
 * as clean), so nothing found in that column ever withholds a result. The agent only sees the
 * masked value, so this is usually what you want, but it is not "scanned and clean".
 */
export const maskedColumnsUnscanned: Rule = (
  p: Pick<ProfileView, "content_scan_mode" | "masks">,
): LintFinding[] =>
  p.content_scan_mode === "block" && p.masks.length > 0
    ? [
        {
          code: "masked-columns-unscanned",
          severity: "info",
          path: "/masking_rules",
          message: `content_scan_mode is block, but the ${p.masks.length === 1 ? "masked column is" : `${p.masks.length} masked columns are`} not scanned: their values count as unscanned, never as clean, and never withhold a result.`,
          suggestion:
            "Nothing to change if the agent only needs the masked values; unmask a column if its raw content must be scanned.",
        },
      ]
    : [];
