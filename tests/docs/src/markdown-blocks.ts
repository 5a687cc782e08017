import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** A fenced TypeScript block of a README. */
export interface CodeBlock {
  /** The README, relative to the repository root (`packages/engine/README.md`). */
  file: string;
  /** The 1-based line of the block's first code line in that file. */
  line: number;
  /** The block's code. */
  code: string;
  /** Why the block is only type-checked, from a `<!-- not run: REASON -->` line just above its fence. */
  notRun: string | undefined;
}

/** The marker above a fence that keeps a block from running: `<!-- not run: it needs a browser -->`. */
const notRunMarker = /^<!--\s*not run:\s*(.+?)\s*-->\s*$/;

/** Every `ts`/`typescript` block of one Markdown text. */
export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i] ?? "")) continue;
    const end = lines.findIndex((text, j) => j > i && text.startsWith("```"));
    if (end === -1) throw new Error(`${file}:${i + 1}: a TypeScript block is never closed.`);
    const marker = notRunMarker.exec(lines[i - 1] ?? "");
    blocks.push({
      file,
      line: i + 2,
      code: lines.slice(i + 1, end).join("\n"),
      notRun: marker?.[1],
    });
    i = end;
  }
  return blocks;
}

/** The READMEs whose blocks are checked: the root one and each package's. */
export function readmeFiles(): string[] {
  const packages = join(repoRoot, "packages");
  const files = readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packages, entry.name, "README.md"));
  return [join(repoRoot, "README.md"), ...files]
    .filter((file) => existsSync(file))
    .map((file) => relative(repoRoot, file));
}

/** Every TypeScript block of every checked README. */
export function allCodeBlocks(): CodeBlock[] {
  return readmeFiles().flatMap((file) =>
    codeBlocks(file, readFileSync(join(repoRoot, file), "utf8")),
  );
}
