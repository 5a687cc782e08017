import { describe, expect, test } from "vitest";
import { errorCodes, errorCodesByOperation, operationSchemas } from "../src/index.js";

const byId = (id: string) => {
  const op = operationSchemas.find((o) => o.operationId === id);
  if (!op) throw new Error(`no ${id}`);
  return op;
};

describe("operation schemas carry what the middleware checks, read from the spec", () => {
  test("every error status has a problem document, sent as application/problem+json", () => {
    for (const op of operationSchemas) {
      for (const [status, schema] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect([op.operationId, status, schema]).toEqual([op.operationId, status, "Problem"]);
        expect(op.responseMediaTypes[status]).toBe("application/problem+json");
      }
    }
  });

  test("reads, 304 and 412 require an ETag; 429 requires Retry-After; creates and updates carry none", () => {
    expect(byId("getPolicyProfile").responseHeaders["200"]).toEqual({ ETag: true });
    expect(byId("listPolicyProfiles").responseHeaders["304"]).toEqual({ ETag: true });
    expect(byId("updatePolicyProfile").responseHeaders["412"]).toMatchObject({ ETag: true });
    expect(byId("updatePolicyProfile").responseHeaders["200"]).toEqual({});
    expect(byId("createPolicyProfile").responseHeaders["429"]).toMatchObject({
      "Retry-After": true,
    });
    expect(byId("getPolicyProfile").responseMediaTypes["304"]).toBeNull();
  });

  test("declared request headers, and the one optional body", () => {
    expect(byId("createPolicyProfile").requestHeaders).toEqual(["Idempotency-Key"]);
    expect(byId("updatePolicyProfile").requestHeaders).toEqual(["If-Match"]);
    expect(byId("deletePolicyProfile").requestHeaders).toBeUndefined();
    expect(byId("recommendAgentPolicy")).toMatchObject({
      requestBody: "PolicyRecommendationInput",
      requestBodyRequired: false,
    });
    expect(byId("createPolicyProfile").requestBodyRequired).toBe(true);
  });

  test("error codes per operation and status come from x-error-codes, all of them known codes", () => {
    expect(errorCodesByOperation.createPolicyProfile?.["409"]).toEqual([
      "RESOURCE_EXISTS",
      "INVALID_STATE",
      "IDEMPOTENCY_KEY_REUSED",
    ]);
    expect(errorCodesByOperation.deletePolicyProfile?.["409"]).toEqual(["INVALID_STATE"]);
    expect(errorCodesByOperation.getPolicyProfile?.["429"]).toBeUndefined();
    const known = new Set<string>(errorCodes);
    expect(errorCodes).toHaveLength(24);
    for (const statuses of Object.values(errorCodesByOperation))
      for (const codes of Object.values(statuses))
        for (const code of codes) expect(known).toContain(code);
  });
});
