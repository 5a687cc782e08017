import { policyProfileFields, policyProfileNestedFields } from "@pgbeam/policies-validators";
import { isMap, isSeq, type Node, type YAMLMap } from "yaml";
import type { PolicyFile } from "./policy-files.js";

function sortMap(map: YAMLMap, order: readonly string[]): void {
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

/** The file's canonical text: fields in the spec's order, nested rules too; comments are kept. */
export function formatted(file: PolicyFile): string {
  const doc = file.doc.clone();
  const root = doc.contents;
  if (!isMap(root)) return file.text;
  sortMap(root, policyProfileFields);
  for (const pair of root.items) {
    const order = policyProfileNestedFields[String((pair.key as { value?: unknown })?.value)];
    if (order === undefined) continue;
    const value = pair.value as Node | null;
    if (isMap(value)) sortMap(value, order);
    if (isSeq(value)) for (const item of value.items) if (isMap(item)) sortMap(item, order);
  }
  if (file.path.endsWith(".json")) return `${JSON.stringify(doc.toJS(), null, 2)}\n`;
  return doc.toString({ lineWidth: 0 });
}
