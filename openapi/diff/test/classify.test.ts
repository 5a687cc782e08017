import { describe, expect, test } from "vitest";
import { classifySpecChanges, type Impact } from "../classify.js";

type Json = Record<string, unknown>;

/** A minimal spec: one POST with a body schema and one GET with a response schema and a query parameter. */
function spec(
  options: {
    body?: Json;
    response?: Json;
    query?: Json[];
    statuses?: string[];
    extraPath?: boolean;
    description?: string;
  } = {},
): Json {
  const response = options.response ?? {
    type: "object",
    required: ["id"],
    properties: { id: { type: "string" }, mode: { type: "string", enum: ["a", "b"] } },
  };
  const body = options.body ?? {
    type: "object",
    required: ["name"],
    properties: {
      name: { type: "string", maxLength: 10 },
      kind: { type: "string", enum: ["x", "y"] },
      size: { type: "integer", minimum: 0 },
    },
  };
  const json = (schema: Json) => ({ content: { "application/json": { schema } } });
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1", description: options.description ?? "first" },
    paths: {
      "/things": {
        post: {
          operationId: "createThing",
          requestBody: json(body),
          responses: { "201": { description: "ok", ...json(response) } },
        },
        get: {
          operationId: "listThings",
          parameters: options.query ?? [
            {
              name: "page_size",
              in: "query",
              schema: { type: "integer", minimum: 1, maximum: 100 },
            },
          ],
          responses: Object.fromEntries(
            (options.statuses ?? ["200", "404"]).map((s) => [
              s,
              { description: s, ...json(response) },
            ]),
          ),
        },
      },
      ...(options.extraPath
        ? {
            "/others": {
              get: { operationId: "listOthers", responses: { "200": { description: "ok" } } },
            },
          }
        : {}),
    },
  };
}

function impacts(base: Json, head: Json): Array<[Impact, string]> {
  return classifySpecChanges(base, head).map((c) => [c.impact, `${c.where}: ${c.message}`]);
}

const body = (properties: Json, required = ["name"]) => ({ type: "object", required, properties });
const name = { type: "string", maxLength: 10 };

describe("breaking changes", () => {
  test.each<[string, Json, string]>([
    ["removed operation", spec({ extraPath: true }), "GET /others: operation listOthers removed"],
    ["removed parameter", spec(), "GET /things query parameter page_size: parameter removed"],
    ["removed request property", spec(), "POST /things request body.kind: property removed"],
    ["removed response property", spec(), "POST /things 201 response.mode: property removed"],
  ])("%s", (_, base, expected) => {
    const head = spec({
      query: [],
      body: body({ name, size: { type: "integer", minimum: 0 } }),
      response: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
    });
    expect(impacts(base, head)).toContainEqual(["breaking", expected]);
  });

  test("a new required request field, and a new required parameter", () => {
    const head = spec({
      body: body(
        {
          name,
          kind: { type: "string", enum: ["x", "y"] },
          size: { type: "integer", minimum: 0 },
          owner: { type: "string" },
        },
        ["name", "owner"],
      ),
      query: [
        { name: "page_size", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
        { name: "tenant", in: "query", required: true, schema: { type: "string" } },
      ],
    });
    expect(impacts(spec(), head)).toEqual([
      ["breaking", "GET /things query parameter tenant: required parameter added"],
      ["breaking", "POST /things request body.owner: required property added"],
    ]);
  });

  test("narrowed request type, enum, pattern and limit", () => {
    const head = spec({
      body: body({
        name: { type: "string", maxLength: 5, pattern: "^[a-z]+$" },
        kind: { type: "string", enum: ["x"] },
        size: { type: "number", minimum: 0 },
      }),
    });
    expect(impacts(spec(), head)).toEqual([
      ["breaking", "POST /things request body.name: maxLength changed from 10 to 5"],
      ["breaking", "POST /things request body.name: pattern changed to ^[a-z]+$"],
      ["breaking", "POST /things request body.kind: enum values removed: y"],
      ["breaking", 'POST /things request body.size: type changed from "integer" to "number"'],
    ]);
  });

  test("a narrowed parameter limit", () => {
    const head = spec({
      query: [
        { name: "page_size", in: "query", schema: { type: "integer", minimum: 1, maximum: 50 } },
      ],
    });
    expect(impacts(spec(), head)).toEqual([
      ["breaking", "GET /things query parameter page_size: maximum changed from 100 to 50"],
    ]);
  });

  test("a widened response enum, and a response property no longer required", () => {
    const head = spec({
      response: {
        type: "object",
        properties: { id: { type: "string" }, mode: { type: "string", enum: ["a", "b", "c"] } },
      },
    });
    const found = impacts(spec(), head);
    expect(found).toContainEqual([
      "breaking",
      "POST /things 201 response.mode: enum values added: c",
    ]);
    expect(found).toContainEqual(["breaking", "POST /things 201 response.id: became optional"]);
  });

  test("an opened response enum: a client's switch over the values meets ones it has no case for", () => {
    const head = spec({
      response: {
        type: "object",
        required: ["id"],
        properties: {
          id: { type: "string" },
          mode: { type: "string", "x-extensible-enum": ["a", "b"] },
        },
      },
    });
    expect(impacts(spec(), head)).toEqual([
      ["breaking", "GET /things 200 response.mode: enum opened: values other than a, b are valid"],
      ["breaking", "GET /things 404 response.mode: enum opened: values other than a, b are valid"],
      ["breaking", "POST /things 201 response.mode: enum opened: values other than a, b are valid"],
    ]);
  });

  test("a closed request enum: a value once accepted may be refused", () => {
    const open = spec({
      body: body({ name, kind: { type: "string", "x-extensible-enum": ["x"] } }),
    });
    const closed = spec({ body: body({ name, kind: { type: "string", enum: ["x"] } }) });
    expect(impacts(open, closed)).toEqual([
      ["breaking", "POST /things request body.kind: enum closed to x"],
    ]);
  });

  test("a changed status code: the old one removed breaks, the new error status does not", () => {
    expect(impacts(spec(), spec({ statuses: ["200", "410"] }))).toEqual([
      ["breaking", "GET /things: response status 404 removed"],
      ["non-breaking", "GET /things: error response status 410 documented"],
    ]);
  });

  test("a new success status", () => {
    expect(impacts(spec(), spec({ statuses: ["200", "202", "404"] }))).toEqual([
      ["breaking", "GET /things: response status 202 added"],
    ]);
  });
});

describe("non-breaking changes", () => {
  test("an added optional field and a new operation", () => {
    const head = spec({
      extraPath: true,
      body: body({
        name,
        kind: { type: "string", enum: ["x", "y"] },
        size: { type: "integer", minimum: 0 },
        note: { type: "string" },
      }),
    });
    expect(impacts(spec(), head)).toEqual([
      ["non-breaking", "POST /things request body.note: optional property added"],
      ["non-breaking", "GET /others: operation listOthers added"],
    ]);
  });

  test("a widened request enum and a relaxed request limit", () => {
    const head = spec({
      body: body({
        name: { type: "string", maxLength: 20 },
        kind: { type: "string", enum: ["x", "y", "z"] },
        size: { type: "integer", minimum: 0 },
      }),
    });
    expect(impacts(spec(), head)).toEqual([
      ["non-breaking", "POST /things request body.name: maxLength changed from 10 to 20"],
      ["non-breaking", "POST /things request body.kind: enum values added: z"],
    ]);
  });

  test("an opened request enum, and known values added to or removed from an open enum", () => {
    const opened = spec({
      body: body({
        name,
        kind: { type: "string", "x-extensible-enum": ["x", "y"] },
        size: { type: "integer", minimum: 0 },
      }),
    });
    expect(impacts(spec(), opened)).toEqual([
      [
        "non-breaking",
        "POST /things request body.kind: enum opened: values other than x, y are valid",
      ],
    ]);
    const openResponse = (values: string[]) =>
      spec({
        response: {
          type: "object",
          required: ["id"],
          properties: {
            id: { type: "string" },
            mode: { type: "string", "x-extensible-enum": values },
          },
        },
      });
    expect(impacts(openResponse(["a", "b"]), openResponse(["a", "c"]))).toContainEqual([
      "non-breaking",
      "POST /things 201 response.mode: enum values added: c",
    ]);
    expect(impacts(openResponse(["a", "b"]), openResponse(["a", "c"]))).toContainEqual([
      "non-breaking",
      "POST /things 201 response.mode: enum values removed: b",
    ]);
  });

  test("an added optional parameter", () => {
    const head = spec({
      query: [
        { name: "page_size", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
        { name: "q", in: "query", schema: { type: "string" } },
      ],
    });
    expect(impacts(spec(), head)).toEqual([
      ["non-breaking", "GET /things query parameter q: optional parameter added"],
    ]);
  });
});

describe("docs-only and no change", () => {
  test("a description edit is docs-only", () => {
    expect(impacts(spec(), spec({ description: "second" }))).toEqual([
      ["docs", "spec: descriptions, examples or other documentation changed"],
    ]);
  });

  test("the same spec has no changes", () => {
    expect(impacts(spec(), spec())).toEqual([]);
  });
});
