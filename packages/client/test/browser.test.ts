// The client in real Chromium on a plain-http page that is not localhost: no secure context, so
// no crypto.randomUUID, and creates must still carry an Idempotency-Key.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { profile } from "./helpers/fixtures.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

const chromiumPath = "/usr/bin/chromium";
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.runIf(existsSync(chromiumPath))(
  "in Chromium, on http://pgbeam.test (not a secure context)",
  () => {
    let browser: Browser;
    let server: TestServer;
    let bundle = "";

    beforeAll(async () => {
      const built = await build({
        entryPoints: [fileURLToPath(new URL("../dist/index.js", import.meta.url))],
        bundle: true,
        format: "esm",
        platform: "browser",
        write: false,
      });
      bundle = built.outputFiles[0]?.text ?? "";
      server = await startServer((_, request, res) => {
        if (request.path === "/") {
          res
            .writeHead(200, { "content-type": "text/html" })
            .end("<!doctype html><title>client</title>");
        } else if (request.path === "/client.js") {
          res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
        } else json(res, 201, profile("pol_browser"));
      });
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ["--no-sandbox", `--host-resolver-rules=MAP pgbeam.test 127.0.0.1`],
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    test("a create sends a UUID v4 Idempotency-Key made with getRandomValues", async () => {
      const page = await browser.newPage();
      const port = new URL(server.url).port;
      await page.goto(`http://pgbeam.test:${port}/`);
      // A string, so vitest does not rewrite the page's dynamic import.
      const outcome = await page.evaluate(`(async () => {
      const { createPolicyClient } = await import(location.origin + "/client.js");
      const pgbeam = createPolicyClient({ apiKey: "pgb_browser", baseUrl: location.origin, allowInsecureHttp: true });
      const created = await pgbeam.policies.createPolicyProfile("prj_1", { name: "browser" });
      return { secure: isSecureContext, randomUUID: typeof crypto.randomUUID, id: created.id };
    })()`);
      expect(outcome).toEqual({ secure: false, randomUUID: "undefined", id: "pol_browser" });
      const create = server.requests.find((request) => request.method === "POST");
      expect(create?.headers["idempotency-key"]).toMatch(uuidV4);
    }, 60_000);
  },
);
