import { existsSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { type Document, isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { type FolderEntry, folderEntries } from "../files/folder-entries.js";
import { fileBaseOf, nameOfFileBase } from "../files/profile-file-name.js";
import { readPolicyText } from "../files/read-policy-text.js";
import { UsageError } from "../io.js";
import { commandLine, shellWord } from "../text/command-line.js";

/**
 * One problem in a file, printed as `file:line:col  message`, or `file: message` when it is
 * about the file as a whole (it could not be read). `rule` names the check (see input-rules).
 */
export interface Located {
  file: string;
  line?: number;
  col?: number;
  message: string;
  rule: string;
}

/** A profile file (`NAME.yaml`, `NAME.yml` or `NAME.json`) as parsed, with source positions. */
export interface PolicyFile {
  path: string;
  /** The path shown to the user (relative to the working directory). */
  shownPath: string;
  /** The file name without its extension (or `.test` suffix). */
  base: string;
  /**
   * The profile's name: the file's `name` field when the file name is that name's encoding,
   * otherwise the file name decoded (see `fileBaseOf`).
   */
  name: string;
  text: string;
  doc: Document;
  /** The document's value (aliases resolved); undefined when it could not be built. */
  value: unknown;
  lines: LineCounter;
  /** Why the file could not be read or parsed, if it could not (each names the file). */
  syntaxErrors: Located[];
}

/** The extensions a profile file may have. */
export const profileExtensions = [".yaml", ".yml", ".json"];
const testSuffixes = [".test.yaml", ".test.yml", ".test.json"];

/** The most aliases a document may resolve: a few are normal, thousands are an alias bomb. */
const maxAliasCount = 100;

/** The file name's base (no extension, no `.test`) and the profile name it stands for. */
function namesOf(path: string, doc: Document): { base: string; name: string } {
  const extension = profileExtensions.find((ext) => path.endsWith(ext)) ?? "";
  const testSuffix = testSuffixes.find((suffix) => path.endsWith(suffix));
  const base = basename(path, testSuffix ?? extension);
  const field: unknown = isMap(doc.contents) ? doc.get("name") : undefined;
  const name =
    typeof field === "string" && fileBaseOf(field) === base
      ? field
      : (nameOfFileBase(base) ?? base);
  return { base, name };
}

/** A file that was not read: empty, with the one problem that says why. */
function unread(path: string, shownPath: string, problem: Omit<Located, "file">): PolicyFile {
  const doc = parseDocument("");
  const lines = new LineCounter();
  return {
    path,
    shownPath,
    ...namesOf(path, doc),
    text: "",
    doc,
    value: undefined,
    lines,
    syntaxErrors: [{ file: shownPath, ...problem }],
  };
}

/**
 * Reads and parses one file with source positions (YAML 1.2: an unquoted `off` is a string,
 * `null` is null). Never throws for what the file holds: a file that cannot be read (see
 * readPolicyText), does not parse, or expands too many aliases comes back with its problems.
 */
export function readPolicyFile(path: string, cwd: string): PolicyFile {
  const shownPath = relative(cwd, path) || path;
  const read = readPolicyText(path, dirname(path));
  if (!("text" in read)) {
    const { message, line, col, rule } = read;
    return unread(path, shownPath, {
      message,
      rule,
      ...(line === undefined || col === undefined ? {} : { line, col }),
    });
  }
  const text = read.text;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntaxErrors: Located[] = doc.errors.map((error) => {
    const at = lines.linePos(error.pos[0]);
    return {
      file: shownPath,
      line: at.line,
      col: at.col,
      message: error.message.split("\n")[0] ?? error.message,
      rule: "yaml-syntax",
    };
  });
  let value: unknown;
  if (syntaxErrors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (error) {
      syntaxErrors.push({
        file: shownPath,
        message: `${(error as Error).message.split("\n")[0]} (at most ${maxAliasCount} aliases are resolved)`,
        rule: "yaml-aliases",
      });
    }
  }
  return { path, shownPath, ...namesOf(path, doc), text, doc, value, lines, syntaxErrors };
}

/** The files of the folder whose names pass `keep`; a name that is not UTF-8 is a problem file. */
function filesOf(dir: string, cwd: string, keep: (name: string) => boolean): PolicyFile[] {
  return folderEntries(dir).flatMap((entry: FolderEntry) => {
    if ("name" in entry) return keep(entry.name) ? [readPolicyFile(entry.path, cwd)] : [];
    if (!keep(entry.shownName)) return [];
    const shownPath = join(relative(cwd, dir) || ".", entry.shownName);
    return [
      unread(shownPath, shownPath, {
        message: "the file name is not UTF-8, so it cannot name a profile: rename the file",
        rule: "file-name-not-utf8",
      }),
    ];
  });
}

const isProfileFile = (file: string) =>
  profileExtensions.some((ext) => file.endsWith(ext)) &&
  !testSuffixes.some((suffix) => file.endsWith(suffix));

/** Every profile file of the folder (tests excluded), sorted by name. */
export function policyFiles(dir: string, cwd: string): PolicyFile[] {
  if (!existsSync(dir)) {
    const shown = relative(cwd, dir) || dir;
    const init = shown === "policies" ? "init" : `init --dir ${shellWord(shown)}`;
    throw new UsageError(
      `No policies folder at ${shown}: pass --dir, or create it with an example profile: ${commandLine(init)}`,
    );
  }
  return filesOf(dir, cwd, isProfileFile);
}

/** Every test file of the folder (`NAME.test.yaml`), sorted. */
export function testFiles(dir: string, cwd: string): PolicyFile[] {
  if (!existsSync(dir)) return [];
  return filesOf(dir, cwd, (file) => testSuffixes.some((suffix) => file.endsWith(suffix)));
}

/** The profile a file describes: its keys, with `name` taken from the file name when absent. */
export function profileInput(file: PolicyFile): PolicyProfileInput {
  const value = file.value;
  const fields = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
  return { name: file.name, ...fields } as PolicyProfileInput;
}

/** The source position of a JSON pointer (e.g. `/masking_rules/0/kind`), or of its nearest parent. */
export function positionOf(file: PolicyFile, pointer: string): { line: number; col: number } {
  const keys = pointer
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
  for (let depth = keys.length; depth >= 0; depth--) {
    const path = keys
      .slice(0, depth)
      .map((key, i) => (isIndex(file, keys.slice(0, i), key) ? Number(key) : key));
    const node = depth === 0 ? file.doc.contents : file.doc.getIn(path, true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) {
      // For a mapping value, point at its key, which is where an editor should put the caret.
      const pair = depth > 0 ? keyRange(file, path) : undefined;
      return file.lines.linePos(pair ?? range[0]);
    }
  }
  return { line: 1, col: 1 };
}

function isIndex(file: PolicyFile, parent: (string | number)[], key: string): boolean {
  const node = parent.length === 0 ? file.doc.contents : file.doc.getIn(parent, true);
  return isSeq(node) && String(Number(key)) === key;
}

function keyRange(file: PolicyFile, path: (string | number)[]): number | undefined {
  const parent = path.length === 1 ? file.doc.contents : file.doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = path.at(-1);
  const pair = parent.items.find(
    (item) => (item.key as { value?: unknown } | null)?.value === last,
  );
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
}
