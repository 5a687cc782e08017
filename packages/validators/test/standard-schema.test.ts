import type { StandardSchemaV1 } from "@standard-schema/spec";
import { expect, test } from "vitest";
import { schemas } from "../src/index.js";

/** What a library that accepts any Standard Schema (zod, valibot, arktype…) does with one. */
async function parseWith<S extends StandardSchemaV1>(
  schema: S,
  input: unknown,
): Promise<StandardSchemaV1.InferOutput<S>> {
  const result = await schema["~standard"].validate(input);
  if (result.issues) {
    const lines = result.issues.map(
      (issue) => `${(issue.path ?? []).map(String).join(".")}: ${issue.message}`,
    );
    throw new Error(lines.join("\n"));
  }
  return result.value;
}

test("schemas implement Standard Schema v1 with vendor pgbeam", () => {
  for (const schema of Object.values(schemas)) {
    expect(schema["~standard"].version).toBe(1);
    expect(schema["~standard"].vendor).toBe("pgbeam");
  }
});

test("a valid value comes back as the output", async () => {
  const input = {
    name: "analytics",
    masking_rules: [{ table: "t", column: "c", kind: "hash" as const }],
  };
  await expect(parseWith(schemas.PolicyProfileInput, input)).resolves.toEqual(input);
});

test("an invalid value gives issues with key paths", async () => {
  await expect(
    parseWith(schemas.PolicyProfileInput, {
      name: "x",
      masking_rules: [{ table: "t", column: "c", kind: "blur" }],
    }),
  ).rejects.toThrow(
    'masking_rules.0.kind: masking_rules[0].kind must be one of "redact", "null", "hash" (got "blur")',
  );
});
