import fc from "fast-check";
import { resolve, type Schema } from "./spec.js";

type Json = Record<string, unknown>;

/** allOf and oneOf-free view of an object schema: its properties and required fields, merged. */
function merged(schema: Json): { properties: Record<string, Schema>; required: string[] } {
  const parts = [
    schema,
    ...((schema.allOf as Json[] | undefined) ?? []).map((part) => resolve<Json>(part)),
  ];
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const part of parts) {
    if (part !== schema && part.allOf) {
      const inner = merged(part);
      Object.assign(properties, inner.properties);
      required.push(...inner.required);
      continue;
    }
    Object.assign(properties, (part.properties as Record<string, Schema> | undefined) ?? {});
    required.push(...((part.required as string[] | undefined) ?? []));
  }
  return { properties, required: [...new Set(required)] };
}

function objectArbitrary(schema: Json): fc.Arbitrary<Json> {
  const { properties, required } = merged(schema);
  const allowed = Object.entries(properties).filter(([, s]) => s !== false);
  const record = fc.record(Object.fromEntries(allowed.map(([k, s]) => [k, arbitraryFor(s)])), {
    requiredKeys: required.filter((k) => allowed.some(([name]) => name === k)),
  });
  const branches = (schema.oneOf as Json[] | undefined)?.map((branch) =>
    objectArbitrary(resolve<Json>(branch)),
  );
  const whole = branches
    ? fc.tuple(record, fc.oneof(...branches)).map(([base, branch]) => ({ ...base, ...branch }))
    : record;
  const dependent = schema.dependentSchemas as Record<string, Json> | undefined;
  return dependent ? whole.map((value) => withoutForbidden(value, dependent)) : whole;
}

/**
 * Drops the fields a `dependentSchemas` entry forbids (`false`) when its field is present, e.g.
 * `bound_policy_id` beside `credential_id`.
 */
function withoutForbidden(value: Json, dependent: Record<string, Json>): Json {
  const out = { ...value };
  for (const [field, rule] of Object.entries(dependent)) {
    if (!(field in out)) continue;
    const properties = (rule.properties as Record<string, Schema> | undefined) ?? {};
    for (const [name, allowed] of Object.entries(properties)) if (allowed === false) delete out[name];
  }
  return out;
}

/** A fast-check arbitrary of values valid against a schema of the bundled spec. */
export function arbitraryFor(node: Schema): fc.Arbitrary<unknown> {
  const schema = resolve<Json>(node);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  // An open enum: mostly its known values, sometimes a value the service may add later.
  const known = schema["x-extensible-enum"] as string[] | undefined;
  if (known) return fc.oneof(fc.constantFrom(...known), fc.string({ minLength: 1 }));
  if (schema.allOf || schema.oneOf || schema.type === "object") return objectArbitrary(schema);
  switch (schema.type) {
    case "string": {
      if (schema.format === "uri") return fc.webUrl();
      if (schema.format === "date-time") {
        return fc
          .date({
            min: new Date("2000-01-01T00:00:00Z"),
            max: new Date("2100-01-01T00:00:00Z"),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString());
      }
      const minLength = (schema.minLength as number | undefined) ?? 0;
      const maxLength = Math.min((schema.maxLength as number | undefined) ?? 40, 200);
      if (schema.pattern) {
        return fc
          .stringMatching(new RegExp(schema.pattern as string))
          .filter((s) => s.length >= minLength && s.length <= maxLength);
      }
      return fc.string({ minLength, maxLength, unit: "binary" });
    }
    case "integer":
      return fc.integer({
        min: (schema.minimum as number | undefined) ?? -1e9,
        max: (schema.maximum as number | undefined) ?? 1e9,
      });
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(arbitraryFor(schema.items as Schema), { maxLength: 4 });
    default:
      throw new Error(`No arbitrary for schema ${JSON.stringify(schema)}`);
  }
}
