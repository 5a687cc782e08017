import { operationSchemas, validators } from "@pgbeam/policies-validators";
import { specOperations } from "@pgbeam/spec-testing";
import { describe, expect, inject, test } from "vitest";
import { callOperation, suiteClient } from "./clients.js";

const samples = 50;

describe.runIf(inject("usingMock"))("responses Prism generates from the schemas", () => {
  const client = suiteClient(true);
  test.each(specOperations.map((op) => [op.operationId, op] as const))(
    `%s: ${samples} generated success responses pass the validators and parse through the client`,
    async (_, op) => {
      const schemas =
        operationSchemas.find((o) => o.operationId === op.operationId)?.responses ?? {};
      const success = op.statuses.find((status) => status < 300);
      const schema = schemas[String(success)];
      const distinct = new Set<string>();
      for (let i = 0; i < samples; i++) {
        const { data } = await callOperation(client, op, op.requestExample, {
          headers: { Prefer: "dynamic=true" },
        });
        if (!schema) {
          expect(data).toBeUndefined();
          continue;
        }
        const result = validators[schema].validate(data);
        expect(result.ok ? [] : result.issues, JSON.stringify(data)).toEqual([]);
        distinct.add(JSON.stringify(data));
      }
      // Generated, not the fixed example: the bodies differ.
      if (schema) expect(distinct.size).toBeGreaterThan(samples / 2);
    },
    30_000,
  );
});
