// Turns a seed into a fuzz case: a corpus batch, one to four mutations, deparsed to SQL.

import { grammarStatement } from "./grammar.js";
import { type MutationContext, mutations } from "./mutations.js";
import { fuzzPolicyNames } from "./policies.js";
import type { Random } from "./random.js";
import type { SeedPool } from "./seeds.js";
import type { AstObject } from "./syntax-tree.js";
import { deparseStatements, parseStatements } from "./syntax-tree.js";
import type { Vocabulary } from "./vocabulary.js";

/** One generated statement (or batch), the policy to judge it under and how it was made. */
export interface FuzzCase {
  sql: string;
  policy: string;
  mutations: string[];
}

/** Generates cases from the seeds; the same Random gives the same cases. */
export class Generator {
  private readonly context: MutationContext;

  constructor(
    private readonly random: Random,
    vocabulary: Vocabulary,
    private readonly seeds: SeedPool,
  ) {
    this.context = { random, vocabulary, donors: seeds.donors, statements: seeds.statements };
  }

  /** The next case; undefined when the mutations made something that does not print or parse. */
  next(): FuzzCase | undefined {
    const fromGrammar = this.random.chance(0.3)
      ? parseStatements(grammarStatement(this.context))
      : undefined;
    const statements =
      fromGrammar ?? (structuredClone(this.random.pick(this.seeds.batches)) as AstObject[]);
    const applied: string[] = [];
    const count = (fromGrammar === undefined ? 1 : 0) + this.random.int(4);
    for (let i = 0; i < count; i++) {
      const mutation = this.random.pick(mutations);
      if (mutation.apply(statements, this.context)) applied.push(mutation.name);
    }
    if (fromGrammar !== undefined) applied.unshift("a statement of the grammar");
    if (applied.length === 0 || statements.length > 4) return undefined;
    const sql = deparseStatements(statements);
    if (sql === undefined || parseStatements(sql) === undefined) return undefined;
    return { sql, policy: this.random.pick(fuzzPolicyNames), mutations: applied };
  }
}
