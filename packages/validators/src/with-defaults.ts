import type { PolicyProfileInput } from "@pgbeam/policies-types";
import { policyProfileDefaults } from "./generated/spec-facts.gen.js";

/** The PolicyProfileInput fields that have a documented default. */
export type DefaultedField = keyof typeof policyProfileDefaults;

/** A profile or input with every defaulted field present. */
export type WithDefaults<T extends PolicyProfileInput> = T &
  Required<Pick<PolicyProfileInput, DefaultedField>>;

/** Returns a copy of a profile or input with every absent field set to the spec's default. */
export function withDefaults<T extends PolicyProfileInput>(profile: T): WithDefaults<T> {
  // fromEntries and spread define own properties, so a "__proto__" key stays a plain field.
  const given = Object.fromEntries(
    Object.entries(profile).filter(([, value]) => value !== undefined),
  );
  return { ...policyProfileDefaults, ...given } as WithDefaults<T>;
}
