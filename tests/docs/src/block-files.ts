import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { instrument, type ResultComment } from "./instrument.js";
import type { CodeBlock } from "./markdown-blocks.js";

/** Where the extracted blocks are written at test time (git-ignored). */
export const blocksDir = fileURLToPath(new URL("../.blocks/", import.meta.url));
const src = fileURLToPath(new URL(".", import.meta.url));

/** One README block written out twice: as written (to type-check) and instrumented (to run). */
export interface BlockFiles {
  block: CodeBlock;
  /** The block as written, as a user would paste it. */
  checkFile: string;
  /** The block with its result comments turned into checks. */
  runFile: string;
  /** The block's result comments. */
  results: ResultComment[];
}

/** Writes every block into `blocksDir` (emptied first). */
export function writeBlockFiles(blocks: readonly CodeBlock[]): BlockFiles[] {
  rmSync(blocksDir, { recursive: true, force: true });
  mkdirSync(blocksDir, { recursive: true });
  return blocks.map((block) => {
    const id = `${block.file.replace(/[^\w]+/g, "-")}-${block.line}`;
    const checkFile = join(blocksDir, `${id}.check.ts`);
    writeFileSync(checkFile, `${block.code}\nexport {};\n`);
    const instrumented = instrument(
      block.code,
      join(src, "result-reporter.js"),
      join(src, "vitest-shim.js"),
    );
    const runFile = join(blocksDir, `${id}.run.ts`);
    writeFileSync(runFile, `${instrumented.code}\nexport {};\n`);
    return { block, checkFile, runFile, results: instrumented.results };
  });
}
