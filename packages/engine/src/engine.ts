import type { DryEvalResult } from "@pgbeam/policies-types";
import { type EvaluateOptions, withApprovalRuleNotes } from "./approval-rule-notes.js";
import type { AstObject } from "./ast.js";
import { checkEngineOptions, type EngineOptions } from "./engine-options.js";
import { evaluateSql } from "./evaluate.js";
import { statementFacts } from "./facts.js";
import { fingerprintParts, loadParser, parseSql } from "./parser.js";
import {
  type CompiledPolicy,
  compilePolicy,
  compilePolicyCached,
  type PolicyLike,
  policyIndex,
} from "./policy.js";
import { type RelationReference, uniqueReferences } from "./relation-reference.js";
import { SqlSyntaxError } from "./sql-syntax-error.js";
import type { StatementClass } from "./statement-kinds.js";

/** One statement of a batch as `classifyStatement` sees it. */
export interface ClassifiedStatement {
  /** The statement's own kind (`other` for CALL, DO, LOCK, EXECUTE…). */
  kind: StatementClass;
  /** Its kind plus those of writes it runs inside (data-modifying CTEs, EXPLAIN ANALYZE). */
  kinds: StatementClass[];
  /** True when running it changes data or schema, or takes row locks. */
  writes: boolean;
}

/** The normalized shape of a query: PgBeam's replay groups traffic by it. */
export interface QueryFingerprint {
  /** The parser's fingerprint (hex): equal for queries that differ only in constants. */
  hash: string;
  /** The query with its constants replaced by `$1`, `$2`, … */
  normalized: string;
}

/** The offline policy engine: PgBeam's decisions, computed locally with the PostgreSQL parser. */
export interface PolicyEngine {
  /** Judges SQL (a statement or a batch) against a policy, as `dryEvalPolicy` does; never throws on a string. */
  evaluate(
    sql: string,
    policy: PolicyLike | CompiledPolicy,
    options?: EvaluateOptions,
  ): DryEvalResult;
  /** Validates a policy and indexes it once, for many `evaluate` calls. */
  compile(policy: PolicyLike): CompiledPolicy;
  /** The kind of each statement in the SQL; throws `SqlSyntaxError` when it does not parse. */
  classifyStatement(sql: string): ClassifiedStatement[];
  /** Every relation the SQL reads or writes, through joins, subqueries, CTEs, set operations and RETURNING. */
  relationsOf(sql: string): RelationReference[];
  /** The normalized shape of the SQL, for grouping equivalent queries. */
  fingerprint(sql: string): QueryFingerprint;
}

let shared: Promise<PolicyEngine> | undefined;

/**
 * Loads the PostgreSQL parser (once per process) and returns the engine. `wasm` says where the
 * parser's WebAssembly comes from where the engine cannot find it alone (workerd, edge runtimes).
 */
export function createEngine(options?: EngineOptions): Promise<PolicyEngine> {
  const { wasm } = checkEngineOptions(options);
  shared ??= loadParser(wasm).then(
    () => engine,
    (error: unknown) => {
      shared = undefined;
      throw error;
    },
  );
  return shared;
}

const engine: PolicyEngine = {
  evaluate(sql, policy, options) {
    requireSql(sql);
    const result = evaluateSql(sql, policyIndex(compilePolicyCached(policy)));
    return withApprovalRuleNotes(result, sql, options);
  },
  compile: (policy) => compilePolicy(policy),
  classifyStatement(sql) {
    return parsedStatements(sql).map((statement) => {
      const facts = statementFacts(statement);
      return {
        kind: facts.kind,
        kinds: facts.kinds,
        writes: facts.effect === "write" || facts.effect === "ddl" || facts.locking,
      };
    });
  },
  relationsOf(sql) {
    return uniqueReferences(
      parsedStatements(sql).flatMap((statement) => statementFacts(statement).relations),
    );
  },
  fingerprint(sql) {
    parsedStatements(sql);
    return fingerprintParts(sql);
  },
};

function parsedStatements(sql: string): AstObject[] {
  requireSql(sql);
  const parsed = parseSql(sql);
  if (!parsed.ok) throw new SqlSyntaxError(parsed.message, parsed.position);
  return parsed.statements;
}

function requireSql(sql: unknown): asserts sql is string {
  if (typeof sql !== "string") {
    throw new TypeError(
      `sql must be a string (got ${sql === null ? "null" : Array.isArray(sql) ? "an array" : typeof sql})`,
    );
  }
}

/** `classifyStatement` on the shared engine, loading the parser on first use. */
export async function classifyStatement(sql: string): Promise<ClassifiedStatement[]> {
  return (await createEngine()).classifyStatement(sql);
}

/** `relationsOf` on the shared engine, loading the parser on first use. */
export async function relationsOf(sql: string): Promise<RelationReference[]> {
  return (await createEngine()).relationsOf(sql);
}

/** `fingerprint` on the shared engine, loading the parser on first use. */
export async function fingerprint(sql: string): Promise<QueryFingerprint> {
  return (await createEngine()).fingerprint(sql);
}
