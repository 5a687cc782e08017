import { copyFile, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { defineConfig, type Options } from "tsup";
import { libraryBuild } from "../../tsup.base.js";

const resolve = createRequire(import.meta.url).resolve;
const wasm = resolve("libpg-query/wasm/libpg-query.wasm");
// Every build bundles libpg-query's glue and the package ships its .wasm (libpg-query is a build
// dependency only): its licence goes along.
const wasmLicense = resolve("libpg-query/LICENSE");

// What every build changes in libpg-query's emscripten glue: it is told it is not on Node (so
// it never reaches for `node:fs`, `node:crypto` or `__dirname`, even where a worker defines
// `process`), and it does not look for its own file name (in `__filename`, which webpack
// rewrites, or `self.location`, which workerd lacks): it is handed its WebAssembly, never
// looks for it beside itself.
const glueEdits: [string, string][] = [
  ['globalThis.process?.versions?.node&&globalThis.process?.type!="renderer"', "false"],
  ['require("node:fs")', "undefined"],
  ['require("node:crypto")', "undefined"],
  [
    'if(typeof __filename!="undefined"){_scriptName=__filename}else if(ENVIRONMENT_IS_WORKER){_scriptName=self.location.href}',
    "",
  ],
];

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * libpg-query's glue, bundled into every build with its Node-only branch cut off (the engine
 * hands it its WebAssembly, so it never reads a file), so that the package needs no copy of
 * libpg-query besides its own `.wasm`. Fails the build when the glue no longer has what it edits.
 */
const bundledGlue: Plugin = {
  name: "bundled-glue",
  setup(build) {
    build.onLoad({ filter: /libpg-query[\\/]wasm[\\/]libpg-query\.js$/ }, async (args) => {
      let contents = await readFile(args.path, "utf8");
      for (const [from, to] of glueEdits) {
        if (!contents.includes(from)) throw new Error(`libpg-query's glue has no ${from}`);
        contents = contents.replaceAll(from, to);
      }
      return { contents, loader: "js" };
    });
  },
};

/** The browser and worker build: the Web-API default source instead of the disk one. */
const webDefault: Plugin = {
  name: "web-default",
  setup(build) {
    build.onResolve({ filter: /^\.\/default-wasm\.js$/ }, (args) => ({
      path: `${args.resolveDir}/default-wasm.web.ts`,
    }));
  },
};

export default defineConfig([
  {
    ...libraryBuild,
    // The Node entry (replays across worker threads) and the worker it starts, beside the main one.
    entry: {
      index: "src/index.ts",
      node: "src/node.ts",
      "replay-worker": "src/replay/node/replay-worker.ts",
    },
    // Keep dist/web, which the second build writes at the same time.
    clean: ["!web/**"],
    // import.meta.url in the CommonJS build, where the disk default is resolved from.
    shims: true,
    noExternal: [/^libpg-query\//],
    // Three entries share the engine: chunks in both formats (tsup splits only ESM by default), so
    // the CommonJS build does not carry three copies of it.
    splitting: true,
    esbuildPlugins: [bundledGlue],
    async onSuccess() {
      await copyFile(wasm, "dist/libpg-query.wasm");
      await copyFile(wasmLicense, "dist/libpg-query.LICENSE");
    },
  },
  {
    entry: { index: "src/index.ts" },
    outDir: "dist/web",
    format: ["esm"],
    platform: "browser",
    target: "es2022",
    clean: true,
    dts: false,
    noExternal: [/^libpg-query\//],
    esbuildPlugins: [webDefault, bundledGlue],
  },
]);
