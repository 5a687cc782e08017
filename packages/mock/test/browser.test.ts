// MSW's browser worker (setupWorker) with the emulator's handlers, in Debian's real Chromium
// (never a downloaded browser). The page, its bundle and msw's worker script come from a
// loopback server on port 0; api.pgbeam.com resolves nowhere, so every answer is the emulator's.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const chromiumPath = "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  console.warn(
    `\n!!! ${chromiumPath} is missing: the MSW-in-Chromium test is SKIPPED. Install Debian's chromium (apt-get install chromium).\n`,
  );
}

/** The page's script, bundled for browsers: esbuild fails on any Node builtin it reaches. */
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("browser/app.ts", import.meta.url))],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
    // The engine loads only for dryEvalPolicy/replayPolicy, which this page does not call; its
    // browser build is the engine's (pass `engine` to createPolicyMock there).
    external: ["@pgbeam/policies-engine"],
  });
  return result.outputFiles[0]?.text ?? "";
}

function serve(files: Record<string, [string, string]>): Promise<Server> {
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? "/", "http://x").pathname];
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": file[0] }).end(file[1]);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe.runIf(existsSync(chromiumPath))("MSW's setupWorker in Chromium", () => {
  let browser: Browser;
  let server: Server;

  beforeAll(async () => {
    const workerScript = readFileSync(
      createRequire(import.meta.url).resolve("msw/mockServiceWorker.js"),
      "utf8",
    );
    server = await serve({
      "/": ["text/html", '<!doctype html><script type="module" src="/app.js"></script>'],
      "/app.js": ["text/javascript", await bundle()],
      "/mockServiceWorker.js": ["text/javascript", workerScript],
    });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  test("create, get, a 304, list all, delete and a typed 404 problem through the client, answered by the handlers", async () => {
    const page = await browser.newPage();
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => "pgbeamResult" in globalThis, undefined, { timeout: 30_000 });
    const result = await page.evaluate(
      () => (globalThis as unknown as { pgbeamResult: Promise<unknown> }).pgbeamResult,
    );
    expect(result).toEqual({
      sameProfile: true,
      names: ["in-chromium"],
      notFound: true,
      problemCode: "NOT_FOUND",
      requestId: true,
      notModified: true,
      stored: 0,
      listen: expect.stringContaining("mock.listen() needs node:http") as unknown,
    });
  }, 60_000);
});
