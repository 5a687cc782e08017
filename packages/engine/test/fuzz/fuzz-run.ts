// The fuzz loop: generate, judge, and for each leak minimize and report it. Shared by the
// fixed-seed slice in `pnpm test` and the open-ended `pnpm fuzz`.
import { createEngine, type PolicyEngine } from "../../src/index.js";
import { Generator } from "./generator.js";
import { IsolatedOracle } from "./isolated-oracle.js";
import { judge } from "./judge.js";
import { minimize } from "./minimize.js";
import { policySettings } from "./policies.js";
import { Random } from "./random.js";
import type { CorpusEntry } from "./regression-corpus.js";
import { seedPool } from "./seeds.js";
import { loadSyntaxTree } from "./syntax-tree.js";
import { readVocabulary } from "./vocabulary.js";

/** How long and how to run. */
export interface FuzzOptions {
  seed: number;
  /** Stop after this many generated cases … */
  cases?: number;
  /** … or after this many seconds, whichever comes first. */
  seconds?: number;
  /** Shrink each finding before reporting it (costs up to `minimizeBudget` oracle runs). */
  minimize: boolean;
  minimizeBudget?: number;
  /** Findings already known by (policy, generated SQL): reported but not minimized again. */
  known?: ReadonlySet<string>;
  /** Called with each new finding. */
  onFinding?: (finding: CorpusEntry) => void | Promise<void>;
  /** Called every 100 cases with the running counts. */
  onProgress?: (stats: FuzzStats) => void;
}

/** What a run tried and found. */
export interface FuzzStats {
  seed: number;
  generated: number;
  /** Mutations that produced nothing printable or parsable. */
  discarded: number;
  blocked: number;
  /** Let through by the engine and run on PostgreSQL. */
  executed: number;
  timeouts: number;
  /** Run on PostgreSQL and raised an error there (still checked: errors are an output channel). */
  failedOnPostgres: number;
  findings: CorpusEntry[];
  /** Findings whose generated SQL the corpus already holds. */
  known: number;
  seconds: number;
  /** How often each mutation was applied. */
  mutations: Record<string, number>;
}

/** The engine, the oracle thread and the vocabulary a run needs, started once. */
export interface FuzzTools {
  engine: PolicyEngine;
  oracle: IsolatedOracle;
  stop(): Promise<void>;
}

/** Starts the engine and the oracle thread. */
export async function startFuzzTools(): Promise<FuzzTools> {
  const [engine, oracle] = await Promise.all([
    createEngine(),
    IsolatedOracle.start(),
    loadSyntaxTree(),
  ]);
  return { engine, oracle, stop: () => oracle.stop() };
}

/** Runs the fuzzer until `cases` or `seconds` is reached. */
export async function fuzz(tools: FuzzTools, options: FuzzOptions): Promise<FuzzStats> {
  const { engine, oracle } = tools;
  const started = performance.now();
  const vocabulary = await readVocabulary((sql) => oracle.catalog(sql), policySettings);
  const generator = new Generator(new Random(options.seed), vocabulary, seedPool());
  const stats: FuzzStats = {
    seed: options.seed,
    generated: 0,
    discarded: 0,
    blocked: 0,
    executed: 0,
    timeouts: 0,
    failedOnPostgres: 0,
    findings: [],
    known: 0,
    seconds: 0,
    mutations: {},
  };
  const seen = new Set<string>();
  const deadline = options.seconds === undefined ? Infinity : started + options.seconds * 1000;
  while (
    (options.cases === undefined || stats.generated < options.cases) &&
    performance.now() < deadline
  ) {
    stats.generated++;
    if (stats.generated % 100 === 0) options.onProgress?.(stats);
    const generated = generator.next();
    if (generated === undefined || seen.has(`${generated.policy}\n${generated.sql}`)) {
      stats.discarded++;
      continue;
    }
    seen.add(`${generated.policy}\n${generated.sql}`);
    for (const name of generated.mutations)
      stats.mutations[name] = (stats.mutations[name] ?? 0) + 1;
    const judgement = await judge(engine, oracle, generated.sql, generated.policy);
    if (judgement.kind === "blocked") stats.blocked++;
    else stats.executed++;
    if (judgement.kind === "timeout") stats.timeouts++;
    if (judgement.kind === "clean" && judgement.failed) stats.failedOnPostgres++;
    if (judgement.kind !== "leak") continue;
    if (options.known?.has(`${generated.policy}\n${generated.sql}`)) {
      stats.known++;
      continue;
    }
    const reduced = options.minimize
      ? await minimize(
          engine,
          oracle,
          generated.sql,
          generated.policy,
          judgement.leaks,
          options.minimizeBudget,
        )
      : { sql: generated.sql, leaks: judgement.leaks };
    const finding: CorpusEntry = {
      sql: reduced.sql,
      policy: generated.policy,
      leaked: reduced.leaks,
      found_as: { seed: options.seed, sql: generated.sql, mutations: generated.mutations },
    };
    stats.findings.push(finding);
    await options.onFinding?.(finding);
  }
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}
