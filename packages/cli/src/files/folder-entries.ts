import { readdirSync } from "node:fs";
import { join } from "node:path";
import { visible } from "../terminal/visible.js";
import { decodeUtf8 } from "./strict-utf8.js";

/** One entry of a folder: its name, or, when the name is not UTF-8, how to show it. */
export type FolderEntry =
  | { name: string; path: string }
  | {
      /** The name with each byte that is not UTF-8 shown as `\xNN`: never a path to open. */
      shownName: string;
      notUtf8: true;
    };

/** The name's bytes, UTF-8 where they are, `\xNN` where they are not. */
function shownBytes(bytes: Buffer): string {
  let shown = "";
  let rest = bytes;
  while (rest.length > 0) {
    const decoded = decodeUtf8(rest);
    if ("text" in decoded) return shown + visible(decoded.text);
    const { byteOffset, byte } = decoded.notUtf8;
    shown += `${visible(rest.subarray(0, byteOffset).toString("utf8"))}\\x${byte.toString(16).padStart(2, "0")}`;
    rest = rest.subarray(byteOffset + 1);
  }
  return shown;
}

/** The entries of `dir`, sorted by name; names are read as bytes, so one that is not UTF-8 is kept. */
export function folderEntries(dir: string): FolderEntry[] {
  return readdirSync(dir, { encoding: "buffer" })
    .map((bytes): FolderEntry => {
      const decoded = decodeUtf8(bytes);
      return "text" in decoded
        ? { name: decoded.text, path: join(dir, decoded.text) }
        : { shownName: shownBytes(bytes), notUtf8: true };
    })
    .sort((a, b) => {
      const x = "name" in a ? a.name : a.shownName;
      const y = "name" in b ? b.name : b.shownName;
      return x < y ? -1 : x > y ? 1 : 0;
    });
}
