import type { CommandContext } from "../context.js";
import type { Plan } from "../profiles/plan-changes.js";
import type { FailingDelete } from "../remote/delete-checks.js";
import { type ReplayImpact, showImpacts } from "../remote/replay-impact.js";
import { visible } from "../terminal/visible.js";
import { commandLine, shellWord } from "../text/command-line.js";
import { showPlan } from "./show-plan.js";

/** What `plan` found, for a view to render. */
export interface PlanOutcome {
  plan: Plan;
  failing: readonly FailingDelete[];
  /** The replays, when they ran. */
  impacts: readonly ReplayImpact[] | undefined;
  /** Where the plan was saved, if it was. */
  savedTo: string | undefined;
  /** Under `--fail-on-newly-blocked`: the updates that block recorded traffic, and those that prove nothing. */
  blocking: readonly ReplayImpact[];
  vacuous: readonly ReplayImpact[];
  failOnNewlyBlocked: boolean;
}

/** Renders a plan's outcome: human text or one JSON document, chosen once by `plan`'s arguments. */
export type PlanView = (outcome: PlanOutcome) => void;

const names = (impacts: readonly ReplayImpact[]) => impacts.map((i) => visible(i.name)).join(", ");

/** The terminal's and CI log's view: the changes, the replays, where it was saved, the verdict. */
export function humanPlanView(context: CommandContext): PlanView {
  const { out, paint } = context;
  return ({ plan, failing, impacts, savedTo, blocking, vacuous, failOnNewlyBlocked }) => {
    showPlan(context, plan, failing);
    showImpacts(context, impacts ?? []);
    if (savedTo !== undefined)
      out(
        `Saved the plan to ${visible(savedTo)}: ${visible(commandLine(`apply ${shellWord(savedTo)}`))} carries out exactly this.`,
      );
    if (!failOnNewlyBlocked) return;
    if (vacuous.length > 0)
      out(
        paint.yellow(
          `--fail-on-newly-blocked passes vacuously for ${names(vacuous)}: no credential is bound to ${vacuous.length === 1 ? "it" : "them"}, so no recorded traffic was replayed and nothing could be newly blocked.`,
        ),
      );
    if (blocking.length > 0)
      out(
        paint.red(
          `--fail-on-newly-blocked: ${names(blocking)} would block statements that ${blocking.length === 1 ? "its" : "their"} credentials ran.`,
        ),
      );
  };
}

/** One JSON document on stdout: `{ changes, unmanaged, failing_deletes, replays? }`, strings exact. */
export function jsonPlanView({ out }: CommandContext): PlanView {
  return ({ plan, failing, impacts }) =>
    out(
      JSON.stringify(
        {
          ...plan,
          failing_deletes: failing,
          ...(impacts === undefined ? {} : { replays: impacts }),
        },
        null,
        2,
      ),
    );
}
