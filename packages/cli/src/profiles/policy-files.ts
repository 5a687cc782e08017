import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { type Document, isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { fileBaseOf, nameOfFileBase } from "../files/profile-file-name.js";
import { UsageError } from "../io.js";
import { commandLine, shellWord } from "../text/command-line.js";

/** One problem at a place in a file, printed as `file:line:col  message`. */
export interface Located {
  file: string;
  line: number;
  col: number;
  message: string;
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
  lines: LineCounter;
  /** Syntax errors, if the file does not parse. */
  syntaxErrors: Located[];
}

/** The extensions a profile file may have. */
export const profileExtensions = [".yaml", ".yml", ".json"];
const testSuffixes = [".test.yaml", ".test.yml", ".test.json"];

/** Parses one file with source positions (YAML 1.2: an unquoted `off` is a string, `null` is null). */
export function readPolicyFile(path: string, cwd: string): PolicyFile {
  const text = readFileSync(path, "utf8");
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const shownPath = relative(cwd, path) || path;
  const extension = profileExtensions.find((ext) => path.endsWith(ext)) ?? "";
  const testSuffix = testSuffixes.find((suffix) => path.endsWith(suffix));
  const base = basename(path, testSuffix ?? extension);
  const field: unknown = isMap(doc.contents) ? doc.get("name") : undefined;
  const name =
    typeof field === "string" && fileBaseOf(field) === base
      ? field
      : (nameOfFileBase(base) ?? base);
  const syntaxErrors = doc.errors.map((error) => {
    const at = lines.linePos(error.pos[0]);
    return {
      file: shownPath,
      line: at.line,
      col: at.col,
      message: error.message.split("\n")[0] ?? error.message,
    };
  });
  return { path, shownPath, base, name, text, doc, lines, syntaxErrors };
}

/** Every profile file of the folder (tests excluded), sorted by name. */
export function policyFiles(dir: string, cwd: string): PolicyFile[] {
  if (!existsSync(dir)) {
    const shown = relative(cwd, dir) || dir;
    const init = shown === "policies" ? "init" : `init --dir ${shellWord(shown)}`;
    throw new UsageError(
      `No policies folder at ${shown}: pass --dir, or create it with an example profile: ${commandLine(init)}`,
    );
  }
  return readdirSync(dir)
    .filter(
      (file) =>
        profileExtensions.some((ext) => file.endsWith(ext)) &&
        !testSuffixes.some((suffix) => file.endsWith(suffix)),
    )
    .sort()
    .map((file) => readPolicyFile(join(dir, file), cwd));
}

/** Every test file of the folder (`NAME.test.yaml`), sorted. */
export function testFiles(dir: string, cwd: string): PolicyFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => testSuffixes.some((suffix) => file.endsWith(suffix)))
    .sort()
    .map((file) => readPolicyFile(join(dir, file), cwd));
}

/** The profile a file describes: its keys, with `name` taken from the file name when absent. */
export function profileInput(file: PolicyFile): PolicyProfileInput {
  const value: unknown = file.doc.toJS();
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
