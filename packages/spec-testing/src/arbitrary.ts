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
  const together = (schema.not as Json | undefined)?.required as string[] | undefined;
  return together ? whole.map((value) => withoutOneOf(value, together)) : whole;
}

/**
 * Drops the last field of a group the schema forbids all at once (`not: { required }`), when the
 * value carries them all: e.g. `bound_policy_id` beside `credential_id`.
 */
function withoutOneOf(value: Json, group: readonly string[]): Json {
  if (!group.every((field) => field in value)) return value;
  const out = { ...value };
  delete out[group[group.length - 1] as string];
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
  // A nullable field (`type: [T, "null"]`): a value of each listed type, null among them.
  if (Array.isArray(schema.type)) {
    return fc.oneof(
      ...(schema.type as string[]).map((type) =>
        type === "null" ? fc.constant(null) : arbitraryFor({ ...schema, type }),
      ),
    );
  }
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
