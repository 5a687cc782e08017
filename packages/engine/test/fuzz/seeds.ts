// The statements mutation starts from: both conformance corpora and the leak test's families
// (last round's attacks), parsed once; their subtrees, by node type, are the donors.

import { families } from "../attacks/families.js";
import { readCorpus } from "../helpers.js";
import type { AstObject } from "./syntax-tree.js";
import { parseStatements, slotsOf } from "./syntax-tree.js";

/** Seed statements (each a parsed batch) and their subtrees by node type. */
export interface SeedPool {
  batches: AstObject[][];
  statements: AstObject[];
  donors: Map<string, AstObject[]>;
}

/** Every seed SQL text, in a fixed order. */
export function seedTexts(): string[] {
  const corpora = ["pgbeam-v2.json", "engine-semantics.json"].flatMap((file) =>
    readCorpus(file).cases.map((c) => c.sql),
  );
  return [...new Set([...corpora, ...families.flatMap((family) => family.statements)])];
}

/** Parses the seeds (the parser must be loaded) and indexes their subtrees. */
export function seedPool(): SeedPool {
  const batches = seedTexts()
    .map(parseStatements)
    .filter((batch): batch is AstObject[] => batch !== undefined);
  const donors = new Map<string, AstObject[]>();
  for (const slot of slotsOf(batches)) {
    const list = donors.get(slot.type) ?? [];
    list.push(slot.node);
    donors.set(slot.type, list);
  }
  return { batches, statements: batches.flat(), donors };
}
