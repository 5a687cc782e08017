import { operationTable } from "@pgbeam/policies-types";
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
      const { success, noBody } = operationTable[op.operationId];
      const bodiless = (noBody as readonly number[]).includes(success);
      const schema = schemas[String(success)];
      if (!bodiless)
        expect(schema, `the validators have no schema for ${op.operationId}`).toBeDefined();
      const distinct = new Set<string>();
      for (let i = 0; i < samples; i++) {
        const { data } = await callOperation(client, op, op.requestExample, {
          headers: { Prefer: "dynamic=true" },
        });
        if (bodiless || !schema) {
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
