import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["contract/**/*.test.ts", "packed/**/*.test.ts"],
    globalSetup: ["./contract/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
