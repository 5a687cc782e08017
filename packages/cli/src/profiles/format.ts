import { policyProfileFields, policyProfileNestedFields } from "@pgbeam/policies-validators";
import { isMap, isSeq, type Node, type YAMLMap } from "yaml";
import type { PolicyFile } from "./policy-files.js";

/** Sorts a mapping's keys into `order` (unknown keys last, alphabetically). */
export function sortMap(map: YAMLMap, order: readonly string[]): void {
  const position = (key: unknown) => {
    const index = order.indexOf(String((key as { value?: unknown })?.value ?? key));
    return index < 0 ? order.length : index;
  };
  map.items.sort(
    (a, b) =>
      position(a.key) - position(b.key) ||
      String((a.key as { value?: unknown })?.value).localeCompare(
        String((b.key as { value?: unknown })?.value),
      ),
  );
}

/** True when the file's first line ends in CRLF: fmt then writes CRLF throughout. */
const usesCrlf = (text: string) => /^[^\n]*\r\n/.test(text);

/**
 * The file's canonical text: fields in the spec's order, nested rules too; comments are kept,
 * and so are the file's line endings (CRLF when its first line ends so, else LF). A file that
 * cannot be reordered (an alias would come before its anchor) is a problem, never a throw.
 */
export function formatted(file: PolicyFile): { text: string } | { problem: string } {
  const doc = file.doc.clone();
  const root = doc.contents;
  if (!isMap(root)) return { text: file.text };
  sortMap(root, policyProfileFields);
  for (const pair of root.items) {
    const order = policyProfileNestedFields[String((pair.key as { value?: unknown })?.value)];
    if (order === undefined) continue;
    const value = pair.value as Node | null;
    if (isMap(value)) sortMap(value, order);
    if (isSeq(value)) for (const item of value.items) if (isMap(item)) sortMap(item, order);
  }
  let text: string;
  try {
    text = file.path.endsWith(".json")
      ? `${JSON.stringify(doc.toJS(), null, 2)}\n`
      : doc.toString({ lineWidth: 0 });
  } catch (error) {
    return {
      problem: `fmt cannot put the fields in order: ${(error as Error).message.split("\n")[0]}. Left unchanged: define each anchor in a field that comes first in the canonical order, or write the value out.`,
    };
  }
  return { text: usesCrlf(file.text) ? text.replace(/\r?\n/g, "\r\n") : text };
}
