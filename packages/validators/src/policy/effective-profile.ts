import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { policyProfileDefaults, policyProfileStoredLists } from "../generated/spec-facts.gen.js";

/** The PolicyProfileInput fields that have a documented default. */
export type DefaultedField = keyof typeof policyProfileDefaults;

/** The lists a saved PolicyProfile always carries (absent in an input means empty). */
export type StoredListField = (typeof policyProfileStoredLists)[number];

/** A profile or input with every defaulted field present. */
export type WithDefaults<T extends PolicyProfileInput> = T &
  Required<Pick<PolicyProfileInput, DefaultedField>>;

/** A profile or input as the service stores it: every default applied and every stored list present. */
export type EffectiveProfile<T extends PolicyProfileInput = PolicyProfileInput> = WithDefaults<T> &
  Required<Pick<PolicyProfileInput, StoredListField>>;

/** Returns a copy of a profile or input with every absent field set to the spec's default. */
export function withDefaults<T extends PolicyProfileInput>(profile: T): WithDefaults<T> {
  // fromEntries and spread define own properties, so a "__proto__" key stays a plain field.
  const given = Object.fromEntries(
    Object.entries(profile).filter(([, value]) => value !== undefined),
  );
  return { ...policyProfileDefaults, ...given } as WithDefaults<T>;
}

/**
 * The one reading of a profile every package shares: the spec's defaults for absent settings and
 * an empty list for each list a saved profile always carries (`table_allowlist`,
 * `table_denylist`, `masking_rules`). What the linter checks, the engine evaluates, the emulator
 * stores and the CLI diffs.
 */
export function effectiveProfile<T extends PolicyProfileInput>(profile: T): EffectiveProfile<T> {
  const filled = withDefaults(profile) as Record<string, unknown>;
  for (const list of policyProfileStoredLists) filled[list] ??= [];
  return filled as EffectiveProfile<T>;
}
