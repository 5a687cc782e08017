import type { LintFinding } from "./finding.js";
import type { ProfileView, Rule } from "./rules.js";

/**
 * A scan budget with scanning off is dead: `content_scan_max_bytes` bounds a scan that never runs.
 */
export const scanBudgetWithoutScanning: Rule = (
  p: Pick<ProfileView, "content_scan_mode" | "content_scan_max_bytes">,
): LintFinding[] =>
  p.content_scan_mode === "off" && p.content_scan_max_bytes > 0
    ? [
        {
          code: "scan-budget-without-scanning",
          severity: "warning",
          path: "/content_scan_max_bytes",
          message:
            "content_scan_max_bytes has no effect: content_scan_mode is off, so results are never scanned.",
          suggestion:
            "Set content_scan_mode to annotate or block, or remove content_scan_max_bytes.",
        },
      ]
    : [];
