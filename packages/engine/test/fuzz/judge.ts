// One fuzz case, judged end to end: the engine's verdict, then — unless it blocks — what
// PostgreSQL let out when running what the proxy would send.
import type { DryEvalResult } from "@pgbeam/policies-types";
import type { PolicyEngine } from "../../src/index.js";
import type { IsolatedOracle } from "./isolated-oracle.js";
import { fuzzPolicies } from "./policies.js";

/** What happened to one case. */
export type Judgement =
  | { kind: "blocked"; result: DryEvalResult }
  | { kind: "timeout"; result: DryEvalResult }
  | { kind: "clean"; result: DryEvalResult; failed: boolean }
  | { kind: "leak"; result: DryEvalResult; leaks: string[] };

/** How long one statement may run on PGlite before its thread is replaced. */
export const statementTimeoutMs = 6_000;

/** Judges `sql` under the named fuzz policy. */
export async function judge(
  engine: PolicyEngine,
  oracle: IsolatedOracle,
  sql: string,
  policyName: string,
): Promise<Judgement> {
  const policy = fuzzPolicies[policyName];
  if (policy === undefined) throw new Error(`unknown fuzz policy ${policyName}`);
  const result = engine.evaluate(sql, policy);
  if (result.verdict === "block") return { kind: "blocked", result };
  const outcome = await oracle.check(sql, policy, result, statementTimeoutMs);
  if (outcome.kind === "timeout") return { kind: "timeout", result };
  const leaks = [...outcome.report.leaks];
  if (outcome.report.changedState) leaks.push("a read_only verdict changed state");
  return leaks.length === 0
    ? { kind: "clean", result, failed: outcome.report.failed }
    : { kind: "leak", result, leaks };
}

/** The channels a leak used (column, error, notice, notification, settings, state). */
export function channelsOf(leaks: readonly string[]): Set<string> {
  return new Set(
    leaks.map((leak) =>
      leak.startsWith("a read_only") ? "state" : (/ in (\w+)[^)]*$/.exec(leak)?.[1] ?? "other"),
    ),
  );
}
