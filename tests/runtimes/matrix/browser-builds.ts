// The browser app (`app/*-entry.mjs` + the checks) built by each bundler as its users would,
// into `dist/<bundler>/` with an index.html.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build as esbuild } from "esbuild";
import { build as vite } from "vite";
import webpack from "webpack";

/** The bundlers the matrix builds the browser app with. */
export const bundlers = ["vite", "webpack", "esbuild"] as const;

/** One of `bundlers`. */
export type Bundler = (typeof bundlers)[number];

const page = (script: string) =>
  `<!doctype html><meta charset="utf-8"><title>runtime matrix</title><script type="module" src="${script}"></script>\n`;

/**
 * Bundles `app/<entry>` with esbuild for the browser into `outdir` (`main.js`, the `.wasm`
 * files it imports beside it, and an index.html); returns `outdir`.
 */
export async function bundleWithEsbuild(
  project: string,
  entry: string,
  outdir: string,
): Promise<string> {
  await esbuild({
    entryPoints: { main: join(project, "app", entry) },
    absWorkingDir: project,
    outdir,
    bundle: true,
    format: "esm",
    platform: "browser",
    loader: { ".wasm": "file" },
    logLevel: "silent",
  });
  writeFileSync(join(outdir, "index.html"), page("./main.js"));
  return outdir;
}

/**
 * Builds the app with `bundler` into `dist/<bundler>/`; returns that folder. Its index.html runs
 * the checks; Vite's and webpack's builds also have zero-config.html (the engine with no
 * option), and Vite's msw.html (the app tested against MSW).
 */
export async function buildBrowserApp(project: string, bundler: Bundler): Promise<string> {
  const outdir = join(project, "dist", bundler);
  const app = join(project, "app");
  if (bundler === "vite") {
    // Two pages: the checks, and the app that runs its API calls through MSW's service worker
    // (whose script, as `npx msw init` would put it, is in the public folder).
    writeFileSync(join(app, "index.html"), page("./vite-entry.mjs"));
    writeFileSync(join(app, "msw.html"), page("./vite-msw-entry.mjs"));
    writeFileSync(join(app, "zero-config.html"), page("./zero-config-entry.mjs"));
    mkdirSync(join(app, "public"), { recursive: true });
    const workerScript = createRequire(join(project, "package.json")).resolve(
      "msw/mockServiceWorker.js",
    );
    copyFileSync(workerScript, join(app, "public", "mockServiceWorker.js"));
    await vite({
      root: app,
      configFile: false,
      logLevel: "silent",
      build: {
        outDir: outdir,
        emptyOutDir: true,
        rollupOptions: {
          input: ["index.html", "msw.html", "zero-config.html"].map((html) => join(app, html)),
        },
      },
    });
    return outdir;
  }
  if (bundler === "esbuild") return bundleWithEsbuild(project, "bundler-entry.mjs", outdir);
  await runWebpack({
    mode: "production",
    context: project,
    entry: { main: join(app, "bundler-entry.mjs"), zero: join(app, "zero-config-entry.mjs") },
    output: { path: outdir, filename: "[name].js" },
    module: { rules: [{ test: /\.wasm$/, type: "asset/resource" }] },
    performance: { hints: false },
  });
  writeFileSync(join(outdir, "index.html"), page("./main.js"));
  writeFileSync(join(outdir, "zero-config.html"), page("./zero.js"));
  return outdir;
}

function runWebpack(config: webpack.Configuration): Promise<void> {
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString("errors-only")));
      else resolve();
    });
  });
}
