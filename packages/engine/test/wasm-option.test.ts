// Where the parser's WebAssembly comes from: a module, bytes, a URL on a real loopback server,
// the disk default; and the errors a bad `wasm` gets. Also the web build, loaded in Node.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createEngine, type WasmSource } from "../src/index.js";
import { loadParserModule } from "../src/load-parser-module.js";
import { parseToJson } from "../src/parser-module.js";

const bytes = readFileSync(
  createRequire(import.meta.url).resolve("libpg-query/wasm/libpg-query.wasm"),
);
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/libpg-query.wasm") {
      response.writeHead(200, { "content-type": "application/wasm" }).end(bytes);
    } else if (request.url === "/as-octets.wasm") {
      response.writeHead(200, { "content-type": "application/octet-stream" }).end(bytes);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const parsesSelect = (module: Awaited<ReturnType<typeof loadParserModule>>) =>
  expect(JSON.parse(parseToJson(module, "SELECT 1")).stmts).toHaveLength(1);

describe("loadParserModule", () => {
  test.each([
    ["a WebAssembly.Module", () => new WebAssembly.Module(bytes)],
    ["a Uint8Array", () => new Uint8Array(bytes)],
    ["an ArrayBuffer", () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)],
    ["a URL served as application/wasm", () => new URL("/libpg-query.wasm", origin)],
    ["a URL string served as octets", () => `${origin}/as-octets.wasm`],
    ["nothing (read from disk)", () => undefined],
  ])("loads from %s", async (_, source) => {
    parsesSelect(await loadParserModule(source() as never));
  });

  test("a URL that answers 404 fails with the URL, the status and what to pass instead", async () => {
    const url = `${origin}/missing.wasm`;
    await expect(loadParserModule(url)).rejects.toThrow(
      `createEngine: could not load the PostgreSQL parser's WebAssembly from ${url}: fetch answered 404 Not Found. Pass createEngine({ wasm })`,
    );
  });

  test("bytes that are not WebAssembly fail with a clear message", async () => {
    await expect(loadParserModule(new Uint8Array([1, 2, 3]))).rejects.toThrow(
      /from the bytes passed as wasm: .*Pass createEngine\(\{ wasm \}\)/,
    );
  });
});

describe("createEngine options", () => {
  test.each([
    [{ wasm: 42 }, "got number"],
    [{ wasm: "" }, "got an empty string"],
    [{ wasm: {} }, "got an object ([object Object])"],
    ["wasm.wasm", "options must be an object such as { wasm } (got string)"],
    [null, "options must be an object such as { wasm } (got null)"],
  ])("%j is refused before anything loads: %s", (options, message) => {
    expect(() => createEngine(options as never)).toThrow(TypeError);
    expect(() => createEngine(options as never)).toThrow(message);
  });

  test("a module passed as wasm gives a working engine", async () => {
    const engine = await createEngine({ wasm: new WebAssembly.Module(bytes) });
    expect(engine.evaluate("DELETE FROM t WHERE id = 1", { name: "wasm" }).rule).toBe("read_only");
  });
});

test("the web build (dist/web) runs on Web APIs alone when handed the module", async () => {
  const web = (await import("../dist/web/index.js" as string)) as typeof import("../src/index.js");
  const engine = await web.createEngine({ wasm: new WebAssembly.Module(bytes) });
  const verdict = engine.evaluate("SELECT * FROM t", {
    name: "web",
    row_filters: [{ table: "t", predicate: "tenant_id = 7" }],
  });
  expect(verdict.rewritten_sql).toBe(
    "SELECT * FROM ( SELECT * FROM t WHERE tenant_id = 7 OFFSET 0 ) AS t",
  );
  const source = readFileSync(new URL("../dist/web/index.js", import.meta.url), "utf8");
  expect(source).not.toMatch(/\brequire\(|from ["']node:|import\(["']node:/);
});

test("what a bundler gives for the packaged .wasm is typed, and createEngine accepts it", () => {
  type Imported = typeof import("@pgbeam/policies-engine/libpg-query.wasm").default;
  const fits = (wasm: Imported): WasmSource => wasm;
  expect(fits("https://cdn.test/libpg-query.wasm")).toBe("https://cdn.test/libpg-query.wasm");
});
