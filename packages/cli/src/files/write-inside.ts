import { randomBytes } from "node:crypto";
import {
  closeSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, sep } from "node:path";

/** A write that would leave the policies folder or go through a link: nothing was written. */
export class UnsafeWriteError extends Error {
  override name = "UnsafeWriteError";
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * The checked path of `fileName` directly inside `dir` (its real path resolved): refuses a name
 * with a separator, NUL, `.` or `..`, a path that leaves the folder, and a target that is a
 * link or not a regular file. Nothing is written.
 */
export function checkedTarget(dir: string, fileName: string): string {
  const plain =
    fileName !== "" &&
    fileName !== "." &&
    fileName !== ".." &&
    basename(fileName) === fileName &&
    !/[\0/\\]/.test(fileName);
  if (!plain)
    throw new UnsafeWriteError(
      `Refusing to write ${JSON.stringify(fileName)}: not a plain file name.`,
    );
  let folder: string;
  try {
    folder = realpathSync(dir);
  } catch {
    throw new UnsafeWriteError(`Cannot write ${fileName}: the folder ${dir} does not exist.`);
  }
  const target = join(folder, fileName);
  if (dirname(target) !== folder || !target.startsWith(`${folder}${sep}`))
    throw new UnsafeWriteError(`Refusing to write ${JSON.stringify(fileName)}: it leaves ${dir}.`);
  const existing = lstatOrUndefined(target);
  if (existing?.isSymbolicLink())
    throw new UnsafeWriteError(
      `Refusing to write ${fileName}: it is a symbolic link, which could point outside ${dir}. Remove the link first.`,
    );
  if (existing !== undefined && !existing.isFile())
    throw new UnsafeWriteError(
      `Refusing to write ${fileName}: it exists and is not a regular file.`,
    );
  return target;
}

/**
 * Writes `text` to `fileName` directly inside `dir`, atomically: the target is checked
 * ({@link checkedTarget}), then a new temporary file is made in the same folder (exclusively, so
 * a planted link is never followed) and renamed over it.
 */
export function writeInside(dir: string, fileName: string, text: string): string {
  const target = checkedTarget(dir, fileName);
  const folder = dirname(target);
  const temporary = join(folder, `.${fileName}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = openSync(temporary, "wx", 0o644);
  try {
    writeSync(handle, text);
    closeSync(handle);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return target;
}
