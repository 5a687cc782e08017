// Bodies the service refuses before reading them: over 2 MB (413), not JSON by type (415).
import { request as httpRequest } from "node:http";
import { serviceFacts } from "@pgbeam/policies-types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPolicyMock } from "../src/node.js";
import { apiKey } from "./helpers.js";

const { requestBodyLimitBytes } = serviceFacts;

const mock = createPolicyMock();
const path = "/v1/projects/prj_limits/policies";
const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
let url: string;

beforeAll(async () => {
  url = await mock.listen();
});
afterAll(() => mock.close());

/** A JSON body of exactly `bytes` bytes: a profile whose name is padded with spaces after it. */
const bodyOf = (bytes: number) => {
  const json = '{"name":"big"}';
  return json + " ".repeat(bytes - json.length);
};

describe.each([
  ["mock.fetch", () => ({ fetch: mock.fetch, base: "https://api.pgbeam.com" })],
  ["listen()", () => ({ fetch, base: url })],
])("body limits through %s", (_, target) => {
  test("the limit itself is accepted; one byte more is a 413 PAYLOAD_TOO_LARGE", async () => {
    const { fetch: send, base } = target();
    const at = await send(`${base}${path}`, {
      method: "POST",
      headers,
      body: bodyOf(requestBodyLimitBytes),
    });
    expect(at.status).toBe(201);
    const over = await send(`${base}${path}`, {
      method: "POST",
      headers,
      body: bodyOf(requestBodyLimitBytes + 1),
    });
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE", instance: path });
    expect(mock.profiles("prj_limits").filter((p) => p.name === "big")).toHaveLength(1);
    await send(`${base}${path}/${mock.profiles("prj_limits")[0]?.id}`, {
      method: "DELETE",
      headers,
    });
  });

  test("no Content-Type, or another one, is a 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const { fetch: send, base } = target();
    for (const contentType of [undefined, "text/plain", "application/x-www-form-urlencoded"]) {
      const response = await send(`${base}${path}`, {
        method: "POST",
        headers: {
          authorization: headers.authorization,
          ...(contentType === undefined ? {} : { "content-type": contentType }),
        },
        body: new Blob(['{"name":"typed"}']),
      });
      expect([response.status, (await response.json()).code]).toEqual([
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      ]);
    }
    const withCharset = await send(`${base}${path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json; charset=utf-8" },
      body: '{"name":"charset"}',
    });
    expect(withCharset.status).toBe(201);
  });
});

test("in-process, an endless body is cut off at the limit: the stream is cancelled, not drained", async () => {
  let pulled = 0;
  let cancelled = false;
  const chunk = new Uint8Array(64 * 1024).fill(32);
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  });
  const response = await mock.fetch(`https://api.pgbeam.com${path}`, {
    method: "POST",
    headers,
    body: endless,
    duplex: "half",
  } as RequestInit);
  expect(response.status).toBe(413);
  expect(cancelled).toBe(true);
  expect(pulled).toBeLessThan(requestBodyLimitBytes + 4 * chunk.byteLength);
});

test("over HTTP, a Content-Length over the limit is answered 413 before the body is sent", async () => {
  const { port } = new URL(url);
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      {
        port,
        host: "127.0.0.1",
        path,
        method: "POST",
        headers: { ...headers, "content-length": String(requestBodyLimitBytes * 10) },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on("error", reject);
    req.write("{");
    // Nothing more is sent: an answer proves the server did not wait for the 20 MB.
  });
  expect(status).toBe(413);
});
