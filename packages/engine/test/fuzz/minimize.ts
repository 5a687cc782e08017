// Delta debugging of a finding: drops statements of the batch, then list elements, optional
// fields and expression layers of the syntax tree, one at a time, keeping each cut after which
// the engine still lets the statement through and PostgreSQL still leaks through the same channel.

import type { PolicyEngine } from "../../src/index.js";
import type { IsolatedOracle } from "./isolated-oracle.js";
import { channelsOf, judge } from "./judge.js";
import { expressionTypes } from "./mutations.js";
import { fuzzPolicies } from "./policies.js";
import type { AstObject } from "./syntax-tree.js";
import { deparseStatements, parseStatements, slotsOf } from "./syntax-tree.js";

/** A minimized finding: the smallest SQL found that still leaks, and what it leaks. */
export interface Reduced {
  sql: string;
  leaks: string[];
  /** Oracle runs spent. */
  checks: number;
}

/** Candidate trees one cut smaller than `statements`, largest cuts first. */
function* cuts(statements: AstObject[]): Generator<AstObject[]> {
  if (statements.length > 1) {
    for (let i = 0; i < statements.length; i++)
      yield statements.filter((_, index) => index !== i).map((s) => structuredClone(s));
  }
  const count = slotsOf(statements).length;
  for (let i = 0; i < count; i++) {
    // Each variant works on its own copy: slot i of the copy is slot i of the original.
    for (const variant of ["remove", "hoist", "delete-field"] as const) {
      const copy = structuredClone(statements);
      const slot = slotsOf(copy)[i];
      if (slot === undefined) continue;
      if (variant === "remove" && Array.isArray(slot.holder)) {
        slot.holder.splice(slot.key as number, 1);
        yield copy;
      } else if (variant === "delete-field" && !Array.isArray(slot.holder)) {
        delete (slot.holder as AstObject)[slot.key as string];
        yield copy;
      } else if (variant === "hoist") {
        // A node gives way to one of its own descendants of the same type (a statement to its
        // subquery), an expression to any expression inside it.
        const inner = slotsOf(slot.node).filter(
          (s) =>
            s.type === slot.type || (expressionTypes.has(slot.type) && expressionTypes.has(s.type)),
        );
        for (const pick of inner.slice(0, 4)) {
          const again = structuredClone(statements);
          const target = slotsOf(again)[i];
          if (target === undefined) continue;
          (target.holder as Record<string | number, unknown>)[target.key] = structuredClone(
            pick.node,
          );
          yield again;
        }
      }
    }
  }
}

/** Shrinks a leaking SQL under `policyName`, spending at most `budget` oracle runs. */
export async function minimize(
  engine: PolicyEngine,
  oracle: IsolatedOracle,
  sql: string,
  policyName: string,
  leaks: string[],
  budget = 250,
): Promise<Reduced> {
  const policy = fuzzPolicies[policyName];
  let best = parseStatements(sql);
  if (best === undefined || policy === undefined) return { sql, leaks, checks: 0 };
  const wanted = channelsOf(leaks);
  let bestSql = sql;
  let bestLeaks = leaks;
  let checks = 0;
  const tried = new Set<string>([sql]);
  let improved = true;
  while (improved && checks < budget) {
    improved = false;
    for (const candidate of cuts(best)) {
      const text = deparseStatements(candidate);
      if (text === undefined || text.length >= bestSql.length || tried.has(text)) continue;
      tried.add(text);
      const reparsed = parseStatements(text);
      if (reparsed === undefined) continue;
      if (engine.evaluate(text, policy).verdict === "block") continue;
      checks++;
      const judgement = await judge(engine, oracle, text, policyName);
      if (
        judgement.kind === "leak" &&
        [...channelsOf(judgement.leaks)].some((c) => wanted.has(c))
      ) {
        best = reparsed;
        bestSql = text;
        bestLeaks = judgement.leaks;
        improved = true;
        break;
      }
      if (checks >= budget) break;
    }
  }
  return { sql: bestSql, leaks: bestLeaks, checks };
}
