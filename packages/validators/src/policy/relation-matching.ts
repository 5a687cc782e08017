import { identifierKey } from "./identifier.js";

/** A relation name split into its schema (absent when bare) and relation, each folded. */
export interface RelationName {
  schema: string | undefined;
  relation: string;
}

/** Splits `schema.relation` (quotes allowed, dots inside quotes kept) into folded parts. */
export function relationName(name: string): RelationName {
  if (!name.includes('"')) {
    const dot = name.lastIndexOf(".");
    if (dot < 0) return { schema: undefined, relation: identifierKey(name) };
    const before = name.slice(0, dot);
    const schema = before.slice(before.lastIndexOf(".") + 1);
    return { schema: identifierKey(schema), relation: identifierKey(name.slice(dot + 1)) };
  }
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const character of name) {
    if (character === '"') quoted = !quoted;
    if (character === "." && !quoted) {
      parts.push(current);
      current = "";
    } else current += character;
  }
  parts.push(current);
  const relation = identifierKey(parts.at(-1) ?? "");
  const schema = parts.length >= 2 ? identifierKey(parts.at(-2) ?? "") : undefined;
  return { schema, relation };
}

/**
 * A relation name as a rule names it: folded (case-insensitive, quotes dropped, cut to 63
 * bytes) with `public.` dropped, so `users`, `"Users"` and `PUBLIC.users` share one key and
 * `sales.orders` has its own. This is how masking rules, row filters and allowlist entries
 * match; a bare denylist entry matches more (see `relationLists`).
 */
export function relationKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    const { schema, relation } = relationName(name);
    key = schema === undefined || schema === "public" ? relation : `${schema}.${relation}`;
    if (keys.size < 4096) keys.set(name, key);
  }
  return key;
}

// Statements name the same few relations again and again; keys are pure, so remember them.
const keys = /* @__PURE__ */ new Map<string, string>();

/** The allow and deny lists of a profile, indexed to answer per relation in O(1). */
export interface RelationLists {
  /** True when `table_denylist` blocks the relation: a bare entry blocks that name in every schema. */
  denies(name: string): boolean;
  /** True when a non-empty `table_allowlist` leaves the relation out (a bare entry admits `public` only). */
  excludes(name: string): boolean;
  /** Neither denied nor left out of the allowlist. */
  reaches(name: string): boolean;
}

/**
 * Relation matching of contract 0.3.x. A bare allowlist entry admits the relation in `public`
 * only; a bare denylist entry blocks that name in every schema; a qualified entry names one
 * schema's relation. The denylist wins, and an empty allowlist restricts nothing.
 */
export function relationLists(
  allowlist: readonly string[],
  denylist: readonly string[],
): RelationLists {
  const allowed = new Set(allowlist.map(relationKey));
  const denied = new Set(denylist.map(relationKey));
  const deniedEverywhere = new Set(
    denylist.map(relationName).flatMap((n) => (n.schema === undefined ? [n.relation] : [])),
  );
  // Statements name the same few relations again and again: remember each name's answers.
  const answers = new Map<string, { denied: boolean; excluded: boolean }>();
  const answer = (name: string) => {
    let found = answers.get(name);
    if (found === undefined) {
      const key = relationKey(name);
      found = {
        denied: denied.has(key) || deniedEverywhere.has(relationName(name).relation),
        excluded: allowed.size > 0 && !allowed.has(key),
      };
      if (answers.size < 4096) answers.set(name, found);
    }
    return found;
  };
  const denies = (name: string) => answer(name).denied;
  const excludes = (name: string) => answer(name).excluded;
  return { denies, excludes, reaches: (name) => !denies(name) && !excludes(name) };
}
