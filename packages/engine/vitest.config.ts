import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The source has no dist/libpg-query.wasm beside it: read the one the build copies.
    alias: [
      {
        find: /^\.\/packaged-wasm-path\.js$/,
        replacement: fileURLToPath(new URL("./test/packaged-wasm-path.ts", import.meta.url)),
      },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests parse thousands of statements; a loaded CI machine needs more than 5 s.
    testTimeout: 60_000,
  },
});
