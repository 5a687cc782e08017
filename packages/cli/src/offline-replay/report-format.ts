import { UsageError } from "../io.js";
import { visible } from "../terminal/visible.js";

/** How a replay is printed. */
export type ReportFormat = "text" | "json" | "markdown";

const formats: readonly ReportFormat[] = ["text", "json", "markdown"];

/** The format of `--json` / `--format`; a usage error on an unknown one or a contradiction. */
export function reportFormat(flags: { json?: boolean; format?: string }): ReportFormat {
  const format = flags.format ?? (flags.json === true ? "json" : "text");
  if (!formats.includes(format as ReportFormat))
    throw new UsageError(
      `--format: expected one of ${formats.join(", ")}, got ${visible(format)}.`,
    );
  if (flags.json === true && format !== "json")
    throw new UsageError(`--json and --format ${format} exclude each other.`);
  return format as ReportFormat;
}
