// A runtime the bench cannot run here (not installed, another platform, no Chromium) is a row
// that says why, never a crash that stops the suites after it.
import type { Row } from "./measure.js";

/** A runtime's binary, or why it is missing (the runtime matrix's `Binary`). */
export type RuntimeBinary = { path: string } | { missing: string };

/** The row printed for a runtime that did not run, with the reason. */
export function skippedRow(group: string, reason: string): Row {
  return {
    group,
    name: "(skipped)",
    meanUs: Number.NaN,
    opsPerSec: Number.NaN,
    baseline: "",
    ratio: Number.NaN,
    skipped: reason,
  };
}

/**
 * `measure()`'s rows when `binary` is there and measuring works; otherwise one skipped row that
 * says why (the binary's reason, or the error measuring threw).
 */
export async function rowsOrSkipped(
  group: string,
  binary: RuntimeBinary,
  measure: (path: string) => Promise<Row[]>,
): Promise<Row[]> {
  if ("missing" in binary) return [skippedRow(group, binary.missing)];
  try {
    return await measure(binary.path);
  } catch (error) {
    return [skippedRow(group, `failed: ${error instanceof Error ? error.message : String(error)}`)];
  }
}
