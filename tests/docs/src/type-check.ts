import ts from "typescript";
import type { BlockFiles } from "./block-files.js";

const tsconfig = new URL("../tsconfig.json", import.meta.url);

/** Type-checks the blocks as written; returns each error as `README.md:LINE:COL message`. */
export function typeErrors(files: readonly BlockFiles[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    tsconfig.pathname,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error(`cannot read ${tsconfig.pathname}`);
  const byFile = new Map(files.map((f) => [f.checkFile, f]));
  const program = ts.createProgram([...byFile.keys()], { ...config.options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const owner = diagnostic.file && byFile.get(diagnostic.file.fileName);
    if (!diagnostic.file || diagnostic.start === undefined || !owner)
      return `${diagnostic.file?.fileName ?? "(program)"}: ${message}`;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const readmeLine = owner.block.line + line;
    return `${owner.block.file}:${readmeLine}:${character + 1} ${message}`;
  });
}
