import ts from "typescript";
import { type Expected, parseExpected } from "./result-notation.js";

/** A result comment found in a block: what the statement before it must produce. */
export interface ResultComment {
  /** The 0-based line of the statement within the block. */
  line: number;
  /** The comment's text, as written. */
  text: string;
  /** The values it expects, one per `console.log` argument (or one for a bare expression). */
  expected: Expected[];
}

/** A block rewritten so that each result comment is checked when its statement runs. */
export interface InstrumentedBlock {
  /** The block's code with each commented statement replaced by a `__result(n, [...])` call. */
  code: string;
  /** The result comments, in the order of their `n`. */
  results: ResultComment[];
}

/** The comment that states a statement's result: the rest of its line, else the next line. */
function resultCommentAfter(source: ts.SourceFile, statement: ts.Statement): string | undefined {
  const text = source.text;
  const lineEnd = text.indexOf("\n", statement.end);
  const rest = text.slice(statement.end, lineEnd === -1 ? undefined : lineEnd);
  const sameLine = /^\s*\/\/(.*)$/.exec(rest);
  if (sameLine) return sameLine[1];
  if (rest.trim() !== "" || lineEnd === -1) return undefined;
  const nextEnd = text.indexOf("\n", lineEnd + 1);
  return /^\s*\/\/(.*)$/.exec(text.slice(lineEnd + 1, nextEnd === -1 ? undefined : nextEnd))?.[1];
}

/** The values a statement produces: a `console.log`'s arguments, else the expression itself. */
function producedValues(source: ts.SourceFile, expression: ts.Expression): string {
  const isLog =
    ts.isCallExpression(expression) &&
    ts.isPropertyAccessExpression(expression.expression) &&
    expression.expression.getText(source) === "console.log";
  if (isLog) {
    const args = expression.arguments.map((arg) => arg.getText(source));
    return `[${args.join(", ")}], true`;
  }
  return `[${expression.getText(source)}], false`;
}

/** Rewrites a block so that every statement with a result comment reports to `reporter`, and vitest is `vitestShim`. */
export function instrument(code: string, reporter: string, vitestShim: string): InstrumentedBlock {
  const source = ts.createSourceFile("block.ts", code, ts.ScriptTarget.ES2022, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const results: ResultComment[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) {
      const comment = resultCommentAfter(source, node);
      const expected = comment === undefined ? undefined : parseExpected(comment);
      if (comment !== undefined && expected) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        edits.push({
          start: node.getStart(source),
          end: node.end,
          text: `__result(${results.length}, ${producedValues(source, node.expression)});`,
        });
        results.push({ line, text: comment.trim(), expected });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  out = out.replace(/from "vitest"/g, `from ${JSON.stringify(vitestShim)}`);
  return { code: `import { __result } from ${JSON.stringify(reporter)};\n${out}`, results };
}
