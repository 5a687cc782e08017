import type { CommandContext } from "../context.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";
import type { RulePlan } from "./rule-plan.js";

const json = (value: unknown) => visible(JSON.stringify(value));

/** Prints the approval-rule part of a plan as text, below the profiles' changes. */
export function showRulePlan(
  { out, paint }: Pick<CommandContext, "out" | "paint">,
  { changes, unmanaged }: RulePlan,
): void {
  for (const change of changes) {
    const name = `approval rule ${visible(change.name)}`;
    if (change.action === "create") out(paint.green(`+ create  ${name}`));
    if (change.action === "delete") out(paint.red(`- delete  ${name} (${visible(change.id)})`));
    if (change.action === "update") {
      out(paint.yellow(`~ update  ${name} (${visible(change.id)})`));
      for (const f of change.changes) out(`    ${f.field}: ${json(f.from)} → ${json(f.to)}`);
    }
  }
  if (unmanaged.length > 0)
    out(
      paint.dim(
        `${count(unmanaged.length, "remote approval rule has", "remote approval rules have")} no file: ${unmanaged.map((r) => visible(r.name)).join(", ")}. plan --prune would delete ${unmanaged.length === 1 ? "it" : "them"}.`,
      ),
    );
}
