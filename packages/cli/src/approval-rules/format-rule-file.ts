import { isMap } from "yaml";
import { sortMap } from "../profiles/format.js";
import type { PolicyFile } from "../profiles/policy-files.js";
import { approvalRuleFields } from "./rule-fields.js";

/**
 * The rule file's canonical text: fields in the spec's order, comments and line endings kept (as
 * `fmt` does for profiles). A file that cannot be reordered is a problem, never a throw.
 */
export function formattedRule(file: PolicyFile): { text: string } | { problem: string } {
  const doc = file.doc.clone();
  if (!isMap(doc.contents)) return { text: file.text };
  sortMap(doc.contents, approvalRuleFields);
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
  return { text: /^[^\n]*\r\n/.test(file.text) ? text.replace(/\r?\n/g, "\r\n") : text };
}
