/**
 * A unified-style diff of two texts, line by line (`-` removed, `+` added, two lines of context
 * around each change), from the longest common subsequence. Policy files are small, so the
 * quadratic table is cheap.
 */
export function lineDiff(before: string, after: string, context = 2): string[] {
  const a = before.replace(/\n$/, "").split("\n");
  const b = after.replace(/\n$/, "").split("\n");
  const common = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  const at = (i: number, j: number) => common[i]?.[j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      (common[i] as number[])[j] =
        a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  const lines: { mark: " " | "-" | "+"; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ mark: " ", text: a[i++] ?? "" });
      j++;
    } else if (j < b.length && (i >= a.length || at(i, j + 1) >= at(i + 1, j)))
      lines.push({ mark: "+", text: b[j++] ?? "" });
    else lines.push({ mark: "-", text: a[i++] ?? "" });
  }
  const near = (index: number) =>
    lines
      .slice(Math.max(0, index - context), index + context + 1)
      .some((line) => line.mark !== " ");
  return lines
    .map((line, index) => (near(index) ? `${line.mark} ${line.text}` : undefined))
    .filter((line): line is string => line !== undefined);
}
