// Debian's Chromium, driven by playwright-core, on the app each bundler built.
import { type Browser, chromium } from "playwright-core";
import { chromiumBinary } from "./binaries.js";
import { type Bundler, buildBrowserApp, bundlers } from "./browser-builds.js";
import { checksQuery } from "./context.js";
import type { CheckResults } from "./results.js";
import type { Runtime } from "./runtime.js";
import { serveStatic } from "./static-server.js";

const binary = chromiumBinary();
let browser: Promise<Browser> | undefined;

/** One Chromium for every page; `closeChromium()` ends it. */
export function sharedBrowser(): Promise<Browser> {
  if (!("path" in binary)) throw new Error(binary.missing);
  browser ??= chromium.launch({ executablePath: binary.path, args: ["--no-sandbox"] });
  return browser;
}

/** Closes the shared Chromium, if one started. */
export async function closeChromium(): Promise<void> {
  await (await browser)?.close();
}

/**
 * Serves `outdir` on loopback, opens its `page` with `query` in a new Chromium page and resolves
 * to what the page's `globalThis.results` promise gives.
 */
export async function runPage(
  outdir: string,
  query: string,
  page = "index.html",
): Promise<unknown> {
  const launched = await sharedBrowser();
  const { origin, server } = await serveStatic(outdir);
  const tab = await launched.newPage();
  try {
    const errors: string[] = [];
    tab.on("pageerror", (error) => errors.push(error.message));
    await tab.goto(`${origin}/${page}?${query}`);
    await tab.waitForFunction(() => "results" in globalThis, undefined, { timeout: 30_000 });
    const answered = await tab.evaluate(() => (globalThis as { results?: unknown }).results);
    if (answered === undefined) throw new Error(`the page ran nothing: ${errors.join("; ")}`);
    return answered;
  } finally {
    await tab.close();
    server.close();
  }
}

function chromiumWith(bundler: Bundler): Runtime {
  const name = `chromium (${bundler})`;
  return {
    name,
    unavailable: "missing" in binary ? binary.missing : undefined,
    async run(context) {
      const [outdir] = await Promise.all([
        buildBrowserApp(context.project, bundler),
        sharedBrowser(),
      ]);
      const results = (await runPage(outdir, checksQuery(context, name))) as CheckResults;
      if (bundler === "esbuild") return results;
      const zeroConfig = await runPage(outdir, "", "zero-config.html");
      return { ...results, zeroConfig };
    },
  };
}

/** Chromium once per bundler (Vite, webpack, esbuild). */
export const chromiumRuntimes: Runtime[] = bundlers.map(chromiumWith);
