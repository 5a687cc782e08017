// The API reference as a person sees it: rendered by Redocly from the bundled spec, opened in
// Debian's headless Chromium (never a downloaded browser), checked, and saved as a screenshot.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const chromiumPath = "/usr/bin/chromium";
const here = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(here, "dist", "reference-test");
const spec = JSON.parse(readFileSync(join(here, "dist", "openapi.json"), "utf8")) as {
  paths: Record<string, Record<string, { operationId?: string; summary?: string }>>;
};
const operations = Object.values(spec.paths).flatMap((item) =>
  Object.values(item).filter((op) => typeof op === "object" && op !== null && "operationId" in op),
);

if (!existsSync(chromiumPath)) {
  console.warn(
    `\n!!! ${chromiumPath} is missing: the API reference browser test is SKIPPED. Install Debian's chromium (apt-get install chromium).\n`,
  );
}

describe.runIf(existsSync(chromiumPath))("the rendered API reference", () => {
  let browser: Browser;
  let html: string;

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    html = join(outDir, "index.html");
    const redocly = join(
      createRequire(import.meta.url).resolve("@redocly/cli/package.json"),
      "..",
      "bin",
      "cli.js",
    );
    execFileSync(
      process.execPath,
      [redocly, "build-docs", join(here, "dist", "openapi.json"), "--inlineBundle", "-o", html],
      { stdio: "pipe" },
    );
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 60_000);

  afterAll(() => browser?.close());

  test("shows all 13 operations and the create example, and is saved as a screenshot", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // The page is a single file: anything it would fetch from elsewhere (fonts, telemetry) is refused.
    await page.route("**/*", (route) =>
      route.request().url().startsWith("file:") ? route.continue() : route.abort(),
    );
    await page.goto(pathToFileURL(html).href);
    await page
      .getByText("/v1/projects/{project_id}/policy-replays")
      .first()
      .waitFor({ timeout: 30_000 });
    await page.getByText("/v1/projects/{project_id}/policies", { exact: true }).first().click();
    await page.getByText("A read-only analytics agent").first().waitFor({ timeout: 30_000 });

    // textContent, not innerText: the Approvals tag's group is collapsed until clicked, and
    // innerText leaves out what is not displayed.
    const text = await page.evaluate(() => document.body.textContent ?? "");
    expect(operations).toHaveLength(13);
    for (const op of operations)
      expect(text, `${op.operationId} is not shown`).toContain(op.summary);
    expect(text).toContain('"name": "analytics-readonly"');
    await page.screenshot({ path: join(outDir, "reference.png") });
    expect(existsSync(join(outDir, "reference.png"))).toBe(true);
  }, 60_000);
});
