import { specExamples } from "@pgbeam/spec-testing";
import { describe, expect, test } from "vitest";
import { validators } from "../src/index.js";

const examples = specExamples();

describe("every example in the spec passes its schema", () => {
  test("the spec has examples for the four bodies and every response with a body", () => {
    expect(examples.length).toBeGreaterThanOrEqual(30);
  });

  test.each(examples.map((e) => [e.where, e.schema, e.value] as const))(
    "%s is a valid %s",
    (_, schema, value) => {
      const result = validators[schema as keyof typeof validators].validate(value);
      expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toEqual([]);
    },
  );
});
