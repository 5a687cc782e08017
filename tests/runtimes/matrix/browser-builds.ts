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
 * option).
 */
export async function buildBrowserApp(project: string, bundler: Bundler): Promise<string> {
  const outdir = join(project, "dist", bundler);
  const app = join(project, "app");
  if (bundler === "vite") {
    writeFileSync(join(app, "index.html"), page("./vite-entry.mjs"));
    writeFileSync(join(app, "zero-config.html"), page("./zero-config-entry.mjs"));
    await viteBuild(app, outdir, ["index.html", "zero-config.html"]);
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

/**
 * Builds, with Vite, the app whose API calls go through MSW's service worker (msw.html, with the
 * worker's script in the public folder as `npx msw init` puts it) into `dist/vite-msw/`.
 */
export async function buildMswApp(project: string): Promise<string> {
  const outdir = join(project, "dist", "vite-msw");
  const app = join(project, "app");
  writeFileSync(join(app, "msw.html"), page("./vite-msw-entry.mjs"));
  mkdirSync(join(app, "public"), { recursive: true });
  const workerScript = createRequire(join(project, "package.json")).resolve(
    "msw/mockServiceWorker.js",
  );
  copyFileSync(workerScript, join(app, "public", "mockServiceWorker.js"));
  await viteBuild(app, outdir, ["msw.html"]);
  return outdir;
}

function viteBuild(root: string, outDir: string, pages: string[]): Promise<unknown> {
  return vite({
    root,
    configFile: false,
    logLevel: "silent",
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: pages.map((html) => join(root, html)) },
    },
  });
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
