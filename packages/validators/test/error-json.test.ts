import { expect, test } from "vitest";
import { assertPolicyProfileInput, ContractViolationError, ValidationError } from "../src/index.js";

test("JSON.stringify of a ValidationError keeps its name, message and issues", () => {
  let thrown: unknown;
  try {
    assertPolicyProfileInput({ name: "x", access_mode: "readonly" });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  const json = JSON.parse(JSON.stringify(thrown)) as Record<string, unknown>;
  expect(json).toMatchObject({ name: "ValidationError", message: (thrown as Error).message });
  expect(json.issues).toEqual([expect.objectContaining({ path: "/access_mode", keyword: "enum" })]);
});

test("JSON.stringify of a ContractViolationError keeps the operation and the status", () => {
  const violation = new ContractViolationError("getPolicyProfile", 200, []);
  expect(JSON.parse(JSON.stringify(violation))).toMatchObject({
    name: "ContractViolationError",
    message: violation.message,
    operationId: "getPolicyProfile",
    status: 200,
  });
});
