import { statementKinds } from "@pgbeam/policies-validators";
import type { PolicyEngine } from "../engine.js";
import type { TrafficShape } from "../replay/traffic-shape.js";

/** What the executed statements of a credential reached, ran and returned. */
export interface Observation {
  /** Relation keys its statements reached. */
  relations: Set<string>;
  /** Statement kinds of the spec's list that it ran. */
  kinds: Set<string>;
  /** Kinds it ran that the spec does not list (`other`). */
  unlisted: Set<string>;
  /** True when it changed data or schema, or took row locks. */
  wrote: boolean;
  /** How many executed statements returned each row count. */
  rows: Map<number, number>;
  /** Executed statements the live policy masked. */
  masked: number;
  /** Distinct executed shapes observed. */
  shapes: number;
  /** Executed, parseable statements observed. */
  executed: number;
}

/**
 * Observes the newest `limit` executed shapes (blocked attempts excluded): relations from the
 * engine's `relationsOf`, kinds and writes from its `classifyStatement`, of each shape's newest
 * executed statement. Shapes whose statement does not parse are left out.
 */
export function observe(
  engine: PolicyEngine,
  shapes: readonly TrafficShape[],
  limit: number,
): Observation {
  const seen: Observation = {
    relations: new Set(),
    kinds: new Set(),
    unlisted: new Set(),
    wrote: false,
    rows: new Map(),
    masked: 0,
    shapes: 0,
    executed: 0,
  };
  const known = new Set<string>(statementKinds);
  const executed = shapes
    .filter((shape) => shape.executed !== undefined)
    .sort(
      (a, b) =>
        (b.executed?.lastMs ?? 0) - (a.executed?.lastMs ?? 0) ||
        (b.executed?.lastLine ?? 0) - (a.executed?.lastLine ?? 0),
    );
  for (const shape of executed) {
    if (seen.shapes >= limit) break;
    const ran = shape.executed;
    if (ran === undefined) continue;
    let relations: ReturnType<PolicyEngine["relationsOf"]>;
    let statements: ReturnType<PolicyEngine["classifyStatement"]>;
    try {
      relations = engine.relationsOf(ran.sql);
      statements = engine.classifyStatement(ran.sql);
    } catch {
      continue;
    }
    seen.shapes += 1;
    seen.executed += ran.count;
    seen.masked += ran.masked;
    for (const [rows, count] of ran.rows) seen.rows.set(rows, (seen.rows.get(rows) ?? 0) + count);
    for (const relation of relations) seen.relations.add(relation.key);
    for (const statement of statements) {
      if (statement.writes) seen.wrote = true;
      for (const kind of statement.kinds) (known.has(kind) ? seen.kinds : seen.unlisted).add(kind);
    }
  }
  return seen;
}
