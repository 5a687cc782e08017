import { relationKey } from "@pgbeam/policies-validators/policy";

/** One relation a statement reaches, and whether it reads or changes it. */
export interface RelationReference {
  /** The relation as the statement spells it, without quotes (`public.users`, `Orders`). */
  name: string;
  /** The name PgBeam matches rules by: lower-case, with `public.` dropped. */
  key: string;
  /** `write` for the target of INSERT, UPDATE, DELETE, MERGE, COPY FROM, TRUNCATE or DDL. */
  mode: "read" | "write";
}

/** A reference to `name`, keyed the way the policy's relation lists are matched. */
export function relationReference(name: string, mode: "read" | "write"): RelationReference {
  return { name, key: relationKey(name), mode };
}

/** The references without repeats (same key and mode), in first-seen order. */
export function uniqueReferences(references: readonly RelationReference[]): RelationReference[] {
  const seen = new Map<string, RelationReference>();
  for (const reference of references) {
    const id = `${reference.mode}:${reference.key}`;
    if (!seen.has(id)) seen.set(id, reference);
  }
  return [...seen.values()];
}
