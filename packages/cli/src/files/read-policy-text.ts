import { lstatSync, readFileSync, realpathSync, statSync } from "node:fs";
import { sep } from "node:path";
import { serviceFacts } from "@pgbeam/policies-types";
import { decodeUtf8 } from "./strict-utf8.js";

/** Why a file's text was not read, and where in the file when that is known. */
export interface ReadRefusal {
  /** The check that refused it: `link-outside-folder`, `too-large`, `not-utf8` or `unreadable`. */
  rule: "link-outside-folder" | "too-large" | "not-utf8" | "unreadable";
  message: string;
  line?: number;
  col?: number;
}

/**
 * The text of a file in the policies folder, or why it was not read: a link that points outside
 * the folder (refused on read as on write, so no file the runner can read ends up in a log), a
 * file larger than the API's request body limit (refused before it is parsed), bytes that are
 * not UTF-8 (with the first bad byte's position), or a read error. A byte order mark is dropped.
 */
export function readPolicyText(path: string, folder: string): { text: string } | ReadRefusal {
  try {
    if (lstatSync(path).isSymbolicLink()) {
      const target = realpathSync(path);
      const root = realpathSync(folder);
      if (!target.startsWith(`${root}${sep}`))
        return {
          rule: "link-outside-folder",
          message:
            "a symbolic link to a file outside the policies folder: not read (replace it with the file itself)",
        };
    }
    const stats = statSync(path);
    const size = stats.size;
    if (!stats.isFile()) return { rule: "unreadable", message: "not a regular file: not read" };
    if (size > serviceFacts.requestBodyLimitBytes)
      return {
        rule: "too-large",
        message: `${size} bytes, over the API's request body limit of ${serviceFacts.requestBodyLimitBytes} bytes: not read (the API would refuse it with 413)`,
      };
    const decoded = decodeUtf8(readFileSync(path));
    if ("text" in decoded) return decoded;
    const { byte, byteOffset, line, col } = decoded.notUtf8;
    return {
      rule: "not-utf8",
      message: `not UTF-8: byte 0x${byte.toString(16).padStart(2, "0")} at byte offset ${byteOffset} does not start a valid UTF-8 character; save the file as UTF-8`,
      line,
      col,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      rule: "unreadable",
      message:
        code === "ENOENT"
          ? "cannot be read: it does not exist (a link to nowhere?)"
          : `cannot be read (${code ?? (error as Error).message})`,
    };
  }
}
