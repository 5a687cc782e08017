import { arbitraryFor, componentSchema, resolve, spec } from "@pgbeam/spec-testing";
import fc from "fast-check";
import { describe, test } from "vitest";
import { validators } from "../src/index.js";

type Json = Record<string, unknown>;
const seed = 20261125;
const names = Object.keys((spec.components as { schemas: Json }).schemas) as Array<
  keyof typeof validators
>;

describe("values generated from each schema are accepted", () => {
  test.each(names)("%s", (name) => {
    fc.assert(
      fc.property(arbitraryFor(componentSchema(name)), (value) => {
        const result = validators[name].validate(value);
        if (!result.ok)
          throw new Error(
            `${JSON.stringify(value)}\n${result.issues.map((i) => i.message).join("\n")}`,
          );
      }),
      { seed, numRuns: 200 },
    );
  });
});

/** A value that breaks a property's schema, chosen from what the schema itself says. */
function breaking(schema: Json): unknown[] {
  const resolved = resolve<Json>(schema);
  const out: unknown[] = [resolved.type === "string" ? 42 : "not the right type"];
  if (resolved.enum) out.push("not-a-member");
  if (typeof resolved.minimum === "number") out.push(resolved.minimum - 1);
  if (typeof resolved.maximum === "number") out.push(resolved.maximum + 1);
  if (typeof resolved.minLength === "number" && resolved.minLength > 0) out.push("");
  if (typeof resolved.maxLength === "number") out.push("x".repeat(resolved.maxLength + 1));
  return out;
}

const mutable = [
  "PolicyProfileInput",
  "MaskingRule",
  "RowFilter",
  "DryEvalResult",
  "PolicyReplaySummary",
] as const;

describe("a single mutation of a valid value is rejected at the mutated field", () => {
  test.each(mutable)("%s", (name) => {
    const schema = componentSchema(name);
    const properties = Object.entries(schema.properties as Record<string, Json>);
    const required = (schema.required as string[] | undefined) ?? [];
    const mutations = properties.flatMap(([field, fieldSchema]) => [
      ...breaking(fieldSchema).map((bad) => ({
        field,
        apply: (v: Json) => ({ ...v, [field]: bad }),
      })),
      ...(required.includes(field)
        ? [
            {
              field,
              apply: (v: Json) =>
                Object.fromEntries(Object.entries(v).filter(([k]) => k !== field)),
            },
          ]
        : []),
    ]);
    fc.assert(
      fc.property(arbitraryFor(schema), fc.constantFrom(...mutations), (value, mutation) => {
        const mutated = mutation.apply(value as Json);
        const result = validators[name].validate(mutated);
        const paths = result.ok ? [] : result.issues.map((i) => i.path);
        if (!paths.includes(`/${mutation.field}`)) {
          throw new Error(
            `mutating ${mutation.field} gave ${JSON.stringify(paths)} for ${JSON.stringify(mutated)}`,
          );
        }
      }),
      { seed, numRuns: 300 },
    );
  });
});
