import { showRulePlan } from "../approval-rules/show-rule-plan.js";
import type { CommandContext } from "../context.js";
import type { Plan, PlanChange } from "../profiles/plan-changes.js";
import type { FailingDelete } from "../remote/delete-checks.js";
import { visible } from "../terminal/visible.js";
import { count } from "../text/plural.js";

const json = (value: unknown) => visible(JSON.stringify(value));

/** Prints a plan as text; every server-provided string has its control characters made visible. */
export function showPlan(
  { out, paint }: CommandContext,
  { changes, unmanaged, approvalRules }: Plan,
  failing: readonly FailingDelete[] = [],
): void {
  for (const change of changes) {
    const name = visible(change.name);
    if (change.action === "create") out(paint.green(`+ create  ${name}`));
    if (change.action === "delete") {
      out(paint.red(`- delete  ${name} (${visible(change.id)})`));
      const bound = failing.find((d) => d.id === change.id)?.bound_credentials;
      if (bound !== undefined)
        out(
          paint.yellow(
            `    warning: ${count(bound, "credential is", "credentials are")} bound to ${name}, so the API will refuse to delete it (409): bind ${bound === 1 ? "it" : "them"} to another profile first, or keep its file. apply refuses this plan before writing anything.`,
          ),
        );
    }
    if (change.action === "update") {
      out(paint.yellow(`~ update  ${name} (${visible(change.id)})`));
      for (const f of change.changes) out(`    ${f.field}: ${json(f.from)} → ${json(f.to)}`);
    }
  }
  if (approvalRules !== undefined) showRulePlan({ out, paint }, approvalRules);
  const every = [...changes, ...(approvalRules?.changes ?? [])];
  const of = (action: PlanChange["action"]) => every.filter((c) => c.action === action).length;
  out(
    every.length === 0
      ? "No changes: the files match the project."
      : `Plan: ${of("create")} to create, ${of("update")} to update, ${of("delete")} to delete.`,
  );
  if (unmanaged.length > 0)
    out(
      paint.dim(
        `${count(unmanaged.length, "remote profile has", "remote profiles have")} no file: ${unmanaged.map((p) => visible(p.name)).join(", ")}. plan --prune would delete ${unmanaged.length === 1 ? "it" : "them"}.`,
      ),
    );
}
