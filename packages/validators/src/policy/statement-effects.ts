import type { KnownStatementKind } from "@pgbeam/policies-types";

/** What running a statement does: reads, changes session state, writes data, or changes the schema. */
export type StatementEffect = "read" | "session" | "write" | "ddl";

/** A statement kind the spec knows, or `other` for statements none of the ten describes (CALL, DO, LOCK…). */
export type StatementClass = KnownStatementKind | "other";

// The effects a statement of each kind can have. COPY … TO reads and COPY … FROM writes; a
// SELECT reads (a data-modifying CTE inside it is judged as its write, not as the SELECT).
const kindEffects: Readonly<Record<KnownStatementKind, readonly StatementEffect[]>> = {
  select: ["read"],
  insert: ["write"],
  update: ["write"],
  delete: ["write"],
  ddl: ["ddl"],
  copy: ["read", "write"],
  set: ["session"],
  show: ["read"],
  explain: ["read"],
  transaction: ["session"],
};

/** The effect of a COPY: FROM writes rows into the relation, TO only reads them. */
export function copyEffect(isFrom: boolean): StatementEffect {
  return isFrom ? "write" : "read";
}

/** True for effects that `read_only` refuses: writing rows or changing the schema. */
export function isWriteEffect(effect: StatementEffect): boolean {
  return effect === "write" || effect === "ddl";
}

/**
 * True when every statement of this kind writes, so `read_only` refuses it whatever
 * `statement_rules` say: insert, update, delete and ddl. `copy` is not among them (COPY … TO
 * only reads); nor are select (a data-modifying CTE is judged as its write) or the session kinds.
 */
export function kindAlwaysWrites(kind: string): boolean {
  const effects = effectsOfKind(kind);
  return effects.length > 0 && effects.every(isWriteEffect);
}

/** The effects a statement of this kind can have (none for a kind the spec does not know). */
export function effectsOfKind(kind: string): readonly StatementEffect[] {
  return Object.hasOwn(kindEffects, kind) ? kindEffects[kind as KnownStatementKind] : [];
}
