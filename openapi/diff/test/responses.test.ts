import { describe, expect, test } from "vitest";
import { classifySpecChanges, type Impact } from "../classify.js";

type Json = Record<string, unknown>;

const envelope = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" } },
    },
  },
};
const problem = {
  type: "object",
  required: ["type", "title", "status", "code"],
  properties: {
    type: { type: "string", format: "uri" },
    title: { type: "string" },
    status: { type: "integer" },
    code: { type: "string", "x-extensible-enum": ["NOT_FOUND"] },
  },
};
const thing = { type: "object", required: ["id"], properties: { id: { type: "string" } } };

/** One GET /things/{id} and one POST /things, with the parts each test varies. */
function spec(
  options: {
    notFound?: Json;
    readHeaders?: Json;
    readStatuses?: Json;
    readParams?: Json[];
    body?: Json;
    bodyRequired?: boolean;
  } = {},
): Json {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/things/{id}": {
        get: {
          operationId: "getThing",
          parameters: options.readParams ?? [],
          responses: {
            "200": {
              description: "ok",
              headers: options.readHeaders ?? {},
              content: { "application/json": { schema: thing } },
            },
            "404": options.notFound ?? {
              description: "gone",
              content: { "application/json": { schema: envelope } },
            },
            ...options.readStatuses,
          },
        },
      },
      "/things": {
        post: {
          operationId: "createThing",
          requestBody: {
            required: options.bodyRequired ?? true,
            content: { "application/json": { schema: options.body ?? thing } },
          },
          responses: {
            "201": { description: "ok", content: { "application/json": { schema: thing } } },
          },
        },
      },
    },
  };
}

function impacts(base: Json, head: Json): Array<[Impact, string]> {
  return classifySpecChanges(base, head).map((c) => [c.impact, `${c.where}: ${c.message}`]);
}

describe("error bodies become problem documents", () => {
  const head = spec({
    notFound: {
      description: "gone",
      "x-error-codes": ["NOT_FOUND"],
      content: { "application/problem+json": { schema: problem } },
    },
  });
  const found = impacts(spec(), head);

  test("the media type and the lost envelope are breaking: code that reads error.message fails", () => {
    expect(found).toContainEqual([
      "breaking",
      "GET /things/{id} 404 response: media type changed from application/json to application/problem+json",
    ]);
    expect(found).toContainEqual([
      "breaking",
      "GET /things/{id} 404 response.error: property removed",
    ]);
  });

  test("the problem document's fields, required or not, and its codes are additions", () => {
    expect(found).toContainEqual([
      "non-breaking",
      "GET /things/{id} 404 response.code: required property added",
    ]);
    expect(found).toContainEqual([
      "non-breaking",
      "GET /things/{id} 404 response: error codes documented: NOT_FOUND",
    ]);
  });
});

describe("statuses", () => {
  const notModified = { "304": { description: "same" } };
  const ifNoneMatch = { name: "If-None-Match", in: "header", schema: { type: "string" } };

  test("a 304 beside a new If-None-Match is sent only to clients that ask for it", () => {
    const head = spec({ readStatuses: notModified, readParams: [ifNoneMatch] });
    expect(impacts(spec(), head)).toEqual([
      ["non-breaking", "GET /things/{id} header parameter If-None-Match: optional parameter added"],
      [
        "non-breaking",
        "GET /things/{id}: response status 304 added (sent only to conditional reads)",
      ],
    ]);
  });

  test("a 304 without a conditional header is a read that may come back empty", () => {
    expect(impacts(spec(), spec({ readStatuses: notModified }))).toEqual([
      ["breaking", "GET /things/{id}: response status 304 added"],
    ]);
  });

  test("new error statuses document failures any client already handles", () => {
    const statuses = { "412": { description: "stale" }, "500": { description: "oops" } };
    expect(impacts(spec(), spec({ readStatuses: statuses }))).toEqual([
      ["non-breaking", "GET /things/{id}: error response status 412 documented"],
      ["non-breaking", "GET /things/{id}: error response status 500 documented"],
    ]);
  });
});

describe("response headers", () => {
  const etag = (required: boolean) => ({ ETag: { required, schema: { type: "string" } } });

  test("a header added, or made required, is a guarantee", () => {
    expect(impacts(spec(), spec({ readHeaders: etag(true) }))).toEqual([
      ["non-breaking", "GET /things/{id} 200 response header ETag: required header added"],
    ]);
    expect(impacts(spec({ readHeaders: etag(false) }), spec({ readHeaders: etag(true) }))).toEqual([
      ["non-breaking", "GET /things/{id} 200 response header ETag: header became required"],
    ]);
  });

  test("a header removed, or made optional, takes away what clients read", () => {
    expect(impacts(spec({ readHeaders: etag(true) }), spec())).toEqual([
      ["breaking", "GET /things/{id} 200 response header ETag: header removed"],
    ]);
    expect(impacts(spec({ readHeaders: etag(true) }), spec({ readHeaders: etag(false) }))).toEqual([
      ["breaking", "GET /things/{id} 200 response header ETag: header became optional"],
    ]);
  });
});

describe("request bodies", () => {
  test("a body made optional breaks no one; made required, it breaks callers that send none", () => {
    expect(impacts(spec(), spec({ bodyRequired: false }))).toEqual([
      ["non-breaking", "POST /things request body: became optional"],
    ]);
    expect(impacts(spec({ bodyRequired: false }), spec())).toEqual([
      ["breaking", "POST /things request body: became required"],
    ]);
  });

  const withFields = (fields: string[], exclusive: boolean): Json => ({
    type: "object",
    properties: Object.fromEntries(fields.map((f) => [f, { type: "string" }])),
    ...(exclusive ? { not: { required: ["a", "b"] } } : {}),
  });

  test("two fields made exclusive break callers that sent both", () => {
    expect(
      impacts(
        spec({ body: withFields(["a", "b"], false) }),
        spec({ body: withFields(["a", "b"], true) }),
      ),
    ).toEqual([["breaking", "POST /things request body: a and b may no longer be sent together"]]);
  });

  test("a new field that comes exclusive with an old one breaks no one: nobody sent it yet", () => {
    expect(
      impacts(
        spec({ body: withFields(["a"], false) }),
        spec({ body: withFields(["a", "b"], true) }),
      ),
    ).toEqual([
      ["non-breaking", "POST /things request body.b: optional property added"],
      ["non-breaking", "POST /things request body: a and b may no longer be sent together"],
    ]);
  });
});
