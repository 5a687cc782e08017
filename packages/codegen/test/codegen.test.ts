import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readSpec, resolveRef, specOperations, staleFiles } from "../src/index.js";

const document = {
  paths: {
    "/v1/things/{thing_id}": {
      parameters: [{ $ref: "#/components/parameters/ThingId" }],
      get: {
        operationId: "getThing",
        tags: ["Things"],
        parameters: [{ name: "thing_id", in: "path", required: true, schema: { type: "integer" } }],
        responses: { "404": { $ref: "#/components/responses/NotFound" }, "200": {} },
      },
    },
  },
  components: {
    parameters: {
      ThingId: { name: "thing_id", in: "path", required: true, schema: { type: "string" } },
    },
    responses: {
      NotFound: { $ref: "#/components/responses/Missing" },
      Missing: { description: "gone" },
    },
    schemas: { Loop: { $ref: "#/components/schemas/Loop" } },
  },
};

describe("resolveRef", () => {
  test("follows a chain of local refs", () => {
    expect(resolveRef(document, { $ref: "#/components/responses/NotFound" })).toEqual({
      description: "gone",
    });
  });

  test("a ref to nothing, or to itself, is a clear error", () => {
    expect(() => resolveRef(document, { $ref: "#/components/schemas/Nope" })).toThrow(
      "The $ref #/components/schemas/Nope names nothing in the spec",
    );
    expect(() => resolveRef(document, { $ref: "#/components/schemas/Loop" })).toThrow(
      "refers to itself",
    );
  });
});

describe("specOperations", () => {
  test("an operation-level parameter overrides its path-level namesake; responses in status order", () => {
    const [op] = specOperations(document);
    expect(op).toMatchObject({ operationId: "getThing", method: "GET", tags: ["Things"] });
    expect(op?.parameters).toEqual([
      { name: "thing_id", in: "path", required: true, schema: { type: "integer" } },
    ]);
    expect(op?.responses.map((r) => [r.status, r.component])).toEqual([
      [200, undefined],
      [404, "NotFound"],
    ]);
  });

  test("reads the bundled spec: every operation has an id", () => {
    const ops = specOperations(readSpec().document);
    expect(ops.map((op) => op.operationId)).toContain("createApprovalRule");
  });
});

describe("staleFiles", () => {
  const dir = mkdtempSync(join(tmpdir(), "codegen-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("names a missing file and one whose text differs, not a current one", () => {
    const current = { path: join(dir, "current.gen.ts"), text: "a\n" };
    const changed = { path: join(dir, "changed.gen.ts"), text: "b\n" };
    const missing = { path: join(dir, "missing.gen.ts"), text: "c\n" };
    writeFileSync(current.path, current.text);
    writeFileSync(changed.path, "old\n");
    expect(staleFiles([current, changed, missing])).toEqual([changed, missing]);
  });
});
