import type { MaskingKind, PolicyProfile, PolicyProfileInput } from "@pgbeam/policies-types";
import {
  columnKey,
  type RelationLists,
  relationKey,
  relationLists,
  ValidationError,
  validatePolicyProfile,
  validatePolicyProfileInput,
  type WithDefaults,
  withDefaults,
} from "@pgbeam/policies-validators";
import type { MaskIndex } from "./provenance.js";
import {
  compileRowFilter,
  type RowFilterIndex,
  type RowFilterInputs,
} from "./row-filter-predicate.js";

/** A policy as `evaluate` accepts it: an unsaved draft or a saved profile. */
export type PolicyLike = PolicyProfileInput | PolicyProfile;

const compiledMark: unique symbol = Symbol("pgbeam.compiledPolicy");

/** What evaluation reads from a compiled policy: kinds and relations indexed by key. */
export interface PolicyIndex {
  /** The policy with every absent field set to the spec's default. */
  readonly profile: WithDefaults<PolicyLike>;
  readonly allowKinds: ReadonlySet<string>;
  readonly denyKinds: ReadonlySet<string>;
  /** `table_allowlist` and `table_denylist`, matched by the shared 0.3.x relation rules. */
  readonly lists: RelationLists;
  /** True when the policy keeps anything in: a table list, a masking rule or a row filter. */
  readonly protects: boolean;
  readonly masks: MaskIndex;
  readonly rowFilters: RowFilterIndex;
  /** What the row filters' predicates read: settings (`*`: any) and relation keys. */
  readonly rowFilterInputs: RowFilterInputs;
}

/** A validated policy with its defaults applied, indexed once; pass it to `evaluate` many times. */
export interface CompiledPolicy {
  /** The policy with every absent field set to the spec's default. */
  readonly profile: WithDefaults<PolicyLike>;
  /** The engine's index of the policy (internal). */
  readonly [compiledMark]: PolicyIndex;
}

/** True for a policy already compiled by `compilePolicy`. */
export function isCompiledPolicy(value: unknown): value is CompiledPolicy {
  return typeof value === "object" && value !== null && compiledMark in value;
}

/**
 * Validates a policy against the spec (as a saved PolicyProfile when it has an `id`, else as a
 * PolicyProfileInput), applies the spec's defaults and indexes it for evaluation.
 * Throws a `ValidationError` naming every invalid field.
 */
export function compilePolicy(policy: unknown): CompiledPolicy {
  if (isCompiledPolicy(policy)) return policy;
  const index = indexPolicy(policy);
  return { profile: index.profile, [compiledMark]: index };
}

// Policies passed as plain objects are compiled once per content: a repeated call with the same
// object reuses the compiled form unless the object's JSON changed since (it was mutated).
const compiledByObject = new WeakMap<object, { json: string; compiled: CompiledPolicy }>();

/** `compilePolicy`, reusing the last result for an object whose content has not changed. */
export function compilePolicyCached(policy: unknown): CompiledPolicy {
  if (isCompiledPolicy(policy) || typeof policy !== "object" || policy === null)
    return compilePolicy(policy);
  let json: string;
  try {
    json = JSON.stringify(policy);
  } catch {
    return compilePolicy(policy); // cyclic or BigInt: let validation say what is wrong
  }
  const cached = compiledByObject.get(policy);
  if (cached !== undefined && cached.json === json) return cached.compiled;
  const compiled = compilePolicy(policy);
  compiledByObject.set(policy, { json, compiled });
  return compiled;
}

/** The index of a compiled policy. */
export function policyIndex(policy: CompiledPolicy): PolicyIndex {
  return policy[compiledMark];
}

function indexPolicy(policy: unknown): PolicyIndex {
  if (typeof policy !== "object" || policy === null || Array.isArray(policy)) {
    throw new TypeError(
      `policy must be a PolicyProfileInput or PolicyProfile object (got ${policy === null ? "null" : Array.isArray(policy) ? "an array" : typeof policy})`,
    );
  }
  const saved = "id" in policy;
  const checked = saved ? validatePolicyProfile(policy) : validatePolicyProfileInput(policy);
  if (!checked.ok)
    throw new ValidationError(
      saved ? "policy (PolicyProfile)" : "policy (PolicyProfileInput)",
      checked.issues,
    );
  const profile = withDefaults(checked.value as PolicyLike);
  const masks = new Map<string, Map<string, MaskingKind>>();
  for (const rule of profile.masking_rules ?? []) {
    const key = relationKey(rule.table);
    const columns = masks.get(key) ?? new Map<string, MaskingKind>();
    const column = columnKey(rule.column);
    if (!columns.has(column)) columns.set(column, rule.kind);
    masks.set(key, columns);
  }
  const rowFilters: RowFilterIndex = new Map();
  for (const filter of profile.row_filters ?? []) {
    const key = relationKey(filter.table);
    rowFilters.set(key, [
      ...(rowFilters.get(key) ?? []),
      compileRowFilter(filter.table, filter.predicate),
    ]);
  }
  const rowFilterInputs: RowFilterInputs = { settings: new Set(), relations: new Set() };
  for (const filter of [...rowFilters.values()].flat()) {
    for (const setting of filter.inputs?.settings ?? []) rowFilterInputs.settings.add(setting);
    for (const relation of filter.inputs?.relations ?? []) rowFilterInputs.relations.add(relation);
  }
  return {
    profile,
    rowFilterInputs,
    allowKinds: new Set(profile.statement_rules?.allow ?? []),
    denyKinds: new Set(profile.statement_rules?.deny ?? []),
    lists: relationLists(profile.table_allowlist ?? [], profile.table_denylist ?? []),
    protects:
      (profile.table_allowlist ?? []).length > 0 ||
      (profile.table_denylist ?? []).length > 0 ||
      masks.size > 0 ||
      rowFilters.size > 0,
    masks,
    rowFilters,
  };
}
